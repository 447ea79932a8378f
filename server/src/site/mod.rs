//! The site made from the content folder: the folder itself (`content_folder`), the index of
//! every article (`content_index`), the paged lists, sitemaps and feeds made from it, an
//! article's HTML page and its fragment for a portal's include (written ahead by
//! `prerender`, or per request), and the synthetic archive for tests and the benchmark.

pub mod archive;
pub mod article_file;
pub mod article_page;
pub mod article_per_request;
pub mod content_folder;
pub mod content_index;
pub mod feed;
pub mod fragment;
pub mod index_routes;
pub mod list_pages;
pub mod live_entries;
pub mod live_index;
pub mod live_writer;
pub mod prerender;
pub mod sitemap;
pub mod sitemap_video;
pub mod xml;
