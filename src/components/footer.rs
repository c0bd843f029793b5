use yew::prelude::*;

#[component]
pub fn Footer() -> Html {
    html! {
        <footer class="site-footer">
            <p>
                {"Questions and answers from "}
                <cite>{"Top 50 Large Language Model (LLM) Interview Questions"}</cite>
                {", Hao Hoang, May 2025."}
            </p>
        </footer>
    }
}
