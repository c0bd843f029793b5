use yew::prelude::*;

#[component]
pub fn Header() -> Html {
    html! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="#top">
                    <span class="brand__mark" aria-hidden="true">{"Q"}</span>
                    <span class="brand__name">{"LLM Interview Q&A"}</span>
                </a>
            </div>
        </header>
    }
}
