//! The offline side of the app, in the browser: registers the service worker (`sw.js`, written into
//! each build by `scripts/sw.mjs` from `assets/sw.js`) and tells the page when to say "ready to work
//! offline" or "a new version is ready". The worker's own logic lives in `assets/sw.js`.

use std::cell::Cell;

use yew::prelude::*;

/// What the page should tell the user about offline use and updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OfflineStatus {
    #[default]
    Idle,
    /// The first install finished: everything is cached and the worker controls the page.
    OfflineReady,
    /// A newer build is installed and waiting for the user to accept it.
    UpdateReady,
}

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(false) };
}

/// Lets the app register its service worker. Only the browser entry point calls it, so components
/// rendered by tests (wasm-bindgen-test) never install a worker into the test page. Release builds
/// only: under `trunk serve` a cache would hide each rebuild (that build's `sw.js` removes itself).
pub fn enable() {
    ENABLED.set(!cfg!(debug_assertions));
}

/// The offline status and the user's two answers to it.
pub struct Offline {
    pub status: OfflineStatus,
    /// Activates the waiting version; the page then reloads once, on the new version.
    pub on_reload: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// How long "Ready to work offline" stays on screen, in milliseconds.
pub const OFFLINE_NOTICE_MS: u32 = 6_000;

/// Registers the service worker after the first render (when enabled) and follows its life cycle.
#[hook]
pub fn use_offline() -> Offline {
    let status = use_state_eq(OfflineStatus::default);
    let worker = use_mut_ref(|| None::<imp::Worker>);
    {
        let set = status.setter();
        let worker = worker.clone();
        use_effect_with((), move |_| {
            if ENABLED.get() {
                *worker.borrow_mut() = imp::Worker::register(Callback::from(move |s| set.set(s)));
            }
            // Dropping the worker handle stops its listeners and its hourly check.
            move || *worker.borrow_mut() = None
        });
    }
    let on_reload = {
        let worker = worker.clone();
        Callback::from(move |()| {
            if let Some(w) = worker.borrow().as_ref() {
                w.activate_waiting();
            }
        })
    };
    let on_dismiss = {
        let set = status.setter();
        Callback::from(move |()| set.set(OfflineStatus::Idle))
    };
    // "Ready to work offline" only informs (the live region has announced it): it goes away by itself
    // after a while rather than cover the page. A new version waits for the user's answer.
    {
        let set = status.setter();
        use_effect_with(*status, move |s| {
            #[cfg(target_arch = "wasm32")]
            let timer = (*s == OfflineStatus::OfflineReady).then(|| {
                gloo_timers::callback::Timeout::new(OFFLINE_NOTICE_MS, move || {
                    set.set(OfflineStatus::Idle)
                })
            });
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (s, set);
            move || {
                #[cfg(target_arch = "wasm32")]
                drop(timer);
            }
        });
    }
    Offline {
        status: *status,
        on_reload,
        on_dismiss,
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::{Cell, RefCell};
    use std::rc::{Rc, Weak};

    use gloo_events::EventListener;
    use js_sys::{Object, Reflect};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration};
    use yew::Callback;

    use super::OfflineStatus;
    use crate::browser;

    /// Relative to the page, so that the app works under a sub-path (GitHub Pages).
    const SCRIPT: &str = "./sw.js";
    /// How often an open page asks the server for a new version, besides when it becomes visible.
    const UPDATE_EVERY_MS: i32 = 60 * 60 * 1000;

    type JsCallback = Closure<dyn FnMut(JsValue)>;

    struct Shared {
        container: ServiceWorkerContainer,
        on_status: Callback<OfflineStatus>,
        registration: RefCell<Option<ServiceWorkerRegistration>>,
        /// Whether a worker controlled the page: the next change of controller is then an update.
        controlled: Cell<bool>,
        accepted: Cell<bool>,
        reloading: Cell<bool>,
        listeners: RefCell<Vec<EventListener>>,
        /// Promise callbacks: they must outlive the promises that call them.
        callbacks: RefCell<Vec<JsCallback>>,
        /// Handles a rejected update check (offline, server unreachable): quietly, not as an
        /// uncaught error; the next occasion tries again.
        ignore: JsCallback,
    }

    /// The registration and its listeners; dropping it stops listening.
    pub struct Worker {
        shared: Rc<Shared>,
        interval: Option<(i32, Closure<dyn FnMut()>)>,
    }

    impl Worker {
        /// Registers `sw.js`; `None` where the browser has no service workers (an insecure origin,
        /// some private modes), which leaves the app working online as before.
        pub fn register(on_status: Callback<OfflineStatus>) -> Option<Worker> {
            let window = web_sys::window()?;
            let navigator = window.navigator();
            if !Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
                return None;
            }
            let container = navigator.service_worker();
            let shared = Rc::new(Shared {
                controlled: Cell::new(container.controller().is_some()),
                container,
                on_status,
                registration: RefCell::new(None),
                accepted: Cell::new(false),
                reloading: Cell::new(false),
                listeners: RefCell::new(Vec::new()),
                callbacks: RefCell::new(Vec::new()),
                ignore: Closure::new(|_: JsValue| {}),
            });

            let on_controller = EventListener::new(&shared.container, "controllerchange", {
                let weak = Rc::downgrade(&shared);
                move |_| {
                    let Some(shared) = weak.upgrade() else { return };
                    let was_controlled = shared.controlled.replace(true);
                    if was_controlled || shared.accepted.get() {
                        // The new version took over: load it whole, once.
                        shared.reload();
                    } else {
                        shared.on_status.emit(OfflineStatus::OfflineReady);
                    }
                }
            });
            let on_visible = window.document().map(|doc| {
                let weak = Rc::downgrade(&shared);
                EventListener::new(&doc, "visibilitychange", move |_| {
                    let visible = web_sys::window()
                        .and_then(|w| w.document())
                        .is_some_and(|d| !d.hidden());
                    if let (true, Some(shared)) = (visible, weak.upgrade()) {
                        shared.check_for_update();
                    }
                })
            });
            shared
                .listeners
                .borrow_mut()
                .extend(std::iter::once(on_controller).chain(on_visible));

            let registered = Closure::new({
                let weak = Rc::downgrade(&shared);
                move |registration: JsValue| {
                    // Some environments (automation that blocks workers, for one) resolve the
                    // registration with nothing: the page then simply works without offline use.
                    let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>()
                    else {
                        browser::warn("offline use unavailable: no service worker registration");
                        return;
                    };
                    if let Some(shared) = weak.upgrade() {
                        shared.registered(registration, &weak);
                    }
                }
            });
            let failed = Closure::new(|err: JsValue| {
                browser::warn(&format!(
                    "offline use unavailable: service worker registration failed: {}",
                    describe(&err)
                ));
            });
            let _ = shared
                .container
                .register(SCRIPT)
                .then2(&registered, &failed);
            shared.callbacks.borrow_mut().extend([registered, failed]);

            let interval = {
                let weak = Rc::downgrade(&shared);
                let tick = Closure::<dyn FnMut()>::new(move || {
                    if let Some(shared) = weak.upgrade() {
                        shared.check_for_update();
                    }
                });
                window
                    .set_interval_with_callback_and_timeout_and_arguments_0(
                        tick.as_ref().unchecked_ref(),
                        UPDATE_EVERY_MS,
                    )
                    .ok()
                    .map(|id| (id, tick))
            };
            Some(Worker { shared, interval })
        }

        /// The user accepted the new version: tell the waiting worker to take over (its
        /// `controllerchange` reloads the page). Without a waiting worker, reloading is all there is.
        pub fn activate_waiting(&self) {
            let shared = &self.shared;
            shared.accepted.set(true);
            let waiting = shared
                .registration
                .borrow()
                .as_ref()
                .and_then(|r| r.waiting());
            let message = Object::new();
            let _ = Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
            match waiting {
                Some(w) if w.post_message(&message).is_ok() => {}
                _ => shared.reload(),
            }
        }
    }

    impl Drop for Worker {
        fn drop(&mut self) {
            if let (Some((id, _)), Some(w)) = (&self.interval, web_sys::window()) {
                w.clear_interval_with_handle(*id);
            }
        }
    }

    impl Shared {
        fn registered(&self, registration: ServiceWorkerRegistration, weak: &Weak<Shared>) {
            // A version installed during an earlier visit may already be waiting.
            if registration.waiting().is_some() && self.container.controller().is_some() {
                self.on_status.emit(OfflineStatus::UpdateReady);
            }
            if let Some(installing) = registration.installing() {
                self.watch(installing, weak);
            }
            let on_found = EventListener::new(&registration, "updatefound", {
                let weak = weak.clone();
                move |_| {
                    let Some(shared) = weak.upgrade() else { return };
                    let installing = shared
                        .registration
                        .borrow()
                        .as_ref()
                        .and_then(|r| r.installing());
                    if let Some(installing) = installing {
                        shared.watch(installing, &weak);
                    }
                }
            });
            self.listeners.borrow_mut().push(on_found);
            *self.registration.borrow_mut() = Some(registration);
        }

        /// Follows an installing worker: once installed while another one controls the page, it is
        /// an update waiting for the user. (The first install activates by itself.)
        fn watch(&self, worker: ServiceWorker, weak: &Weak<Shared>) {
            let listener = EventListener::new(&worker.clone(), "statechange", {
                let weak = weak.clone();
                move |_| {
                    let Some(shared) = weak.upgrade() else { return };
                    if worker.state() == web_sys::ServiceWorkerState::Installed
                        && shared.container.controller().is_some()
                    {
                        shared.on_status.emit(OfflineStatus::UpdateReady);
                    }
                }
            });
            self.listeners.borrow_mut().push(listener);
        }

        fn check_for_update(&self) {
            let Some(registration) = self.registration.borrow().clone() else {
                return;
            };
            if let Ok(p) = registration.update() {
                let _ = p.catch(&self.ignore);
            }
        }

        fn reload(&self) {
            if self.reloading.replace(true) {
                return;
            }
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    }

    fn describe(err: &JsValue) -> String {
        err.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| err.as_string())
            .unwrap_or_else(|| format!("{err:?}"))
    }
}

/// Native builds (tests, prerendering) have no service workers.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::OfflineStatus;
    use yew::Callback;

    pub struct Worker;

    impl Worker {
        pub fn register(_on_status: Callback<OfflineStatus>) -> Option<Worker> {
            None
        }
        pub fn activate_waiting(&self) {}
    }
}
