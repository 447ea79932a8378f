//! The page's life in one owner: which regions a page that came with its article holds and
//! which of them the app has settled (`takeover`), the shell's first screen
//! (`first_screen`), and the page kept for the next visit (`kept`). `whole::run` makes the
//! one [`Life`] of the page and hands it down (a prop, not context: 0.8 KB less wasm) to
//! navigation and the views that take part in the page's life.

use std::cell::RefCell;
use std::rc::Rc;

use contract::{Article, Summary};
use leptos::__reexports::send_wrapper::SendWrapper;

use crate::config::Config;
use crate::first_screen::FirstScreen;
use crate::kept::{self, Parts};
use crate::takeover::{Region, Takeover};

/// The page's life: shared by the views of one page (a handle: copies are the same). It
/// lives as long as the page (made once, never freed, as a page's state is), and the page
/// has one thread: wrapped so that views' closures, which must be `Send`, can hold it.
#[derive(Clone, Copy)]
pub struct Life(&'static SendWrapper<State>);

impl Default for Life {
    fn default() -> Self {
        Life(Box::leak(Box::new(SendWrapper::new(State::default()))))
    }
}

#[derive(Default)]
struct State {
    /// The static page waiting for the app, until the app has the whole page.
    takeover: RefCell<Option<Takeover>>,
    first: FirstScreen,
    kept: Parts,
}

impl Life {
    /// The app, rendered away from the document, is to adopt `takeover`'s static page.
    pub fn adopt(self, takeover: Takeover) {
        if let Ok(mut t) = self.0.takeover.try_borrow_mut() {
            *t = Some(takeover);
        }
    }

    /// The app's `region` has settled (shown, or failed): the page is adopted once every
    /// region it holds has.
    pub fn settled(self, region: Region) {
        if let Ok(mut taken) = self.0.takeover.try_borrow_mut() {
            if let Some(t) = taken.as_mut() {
                t.settled(region);
            }
        }
    }

    /// True while the page is the static one (the app has not replaced it whole).
    pub fn pending(self) -> bool {
        self.0.takeover.try_borrow().is_ok_and(|t| t.is_some())
    }

    /// The page is left for another: a static page still shown is the page being left, and
    /// the first one's screen, if still awaited, is over.
    pub fn leave(self) {
        self.replace_page();
        self.painted();
    }

    /// The app takes the whole page in place of the static one (a navigation, or the
    /// article gone); nothing when it has it already.
    pub fn replace_page(self) {
        let taken = self
            .0
            .takeover
            .try_borrow_mut()
            .ok()
            .and_then(|mut t| t.take());
        if let Some(t) = taken {
            t.finish();
        }
    }

    /// The article `root` is about to draw is the page's first screen.
    pub fn first_screen(self, root: web_sys::Element) {
        self.0.first.begin(root);
    }

    /// Waits until the first screen has been painted (not at all when there is none).
    pub async fn ready(self) {
        self.0.first.ready().await
    }

    /// The first screen is being painted: what waits for it is drawn after that frame.
    pub fn painted(self) {
        self.0.first.painted();
    }

    /// The article `a` is on screen: kept for the next visit with «Đọc nhiều».
    pub fn keep_article(self, config: &Config, a: Rc<Article>) {
        self.0.kept.article(a);
        self.keep(config);
    }

    /// The «Đọc nhiều» list has come: kept with the article.
    pub fn keep_most_read(self, config: &Config, items: Rc<Vec<Summary>>) {
        self.0.kept.most_read(items);
        self.keep(config);
    }

    fn keep(self, config: &Config) {
        let both = self.0.kept.both();
        // A page that came with its article (prerendered, or the server's) is the one the
        // worker keeps; the app's would be the same, written again.
        let sent = self
            .0
            .takeover
            .try_borrow()
            .is_ok_and(|t| t.as_ref().is_some_and(Takeover::sent));
        if let Some((a, items)) = both.filter(|_| !sent) {
            kept::keep(config, a, items);
        }
    }
}
