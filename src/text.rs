//! Every word the app shows, in Vietnamese, in one place (a later locale swaps this file).

/// Breadcrumb root and link to the front page.
pub const HOME: &str = "Trang chủ";
/// Label of the breadcrumb landmark.
pub const BREADCRUMB: &str = "Đường dẫn";
/// Shown while an article or a list loads.
pub const LOADING: &str = "Đang tải…";
/// The retry button of every error view.
pub const RETRY: &str = "Thử lại";
/// Heading of the not-found view.
pub const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";
/// Body of the not-found view.
pub const NOT_FOUND_BODY: &str = "Bài viết bạn tìm không tồn tại hoặc đã được gỡ xuống.";
/// Link home from the not-found view.
pub const BACK_HOME: &str = "Về trang chủ";
/// No network, or the request failed before an answer.
pub const ERR_NETWORK: &str = "Không kết nối được. Vui lòng kiểm tra mạng rồi thử lại.";
/// The server took too long.
pub const ERR_TIMEOUT: &str = "Máy chủ phản hồi quá lâu. Vui lòng thử lại.";
/// A 5xx or other unexpected status (the code follows).
pub const ERR_SERVER: &str = "Máy chủ đang gặp sự cố, vui lòng thử lại sau ít phút. Mã lỗi:";
/// An answer that is not the JSON the contract promises.
pub const ERR_INVALID: &str = "Dữ liệu nhận được bị lỗi nên không thể hiển thị.";
/// Prefix of the photo credit in a caption.
pub const PHOTO_CREDIT: &str = "Ảnh:";
/// Label of the tag list.
pub const TAGS: &str = "Từ khóa";
/// Heading of the related articles.
pub const RELATED: &str = "Tin liên quan";
/// Label of the byline.
pub const AUTHORS: &str = "Tác giả";
/// Shown when a list has nothing in it.
pub const EMPTY_LIST: &str = "Chưa có bài viết nào.";
/// Heading of the most-read sidebar.
pub const MOST_READ: &str = "Đọc nhiều";
/// Heading of the front page.
pub const FRONT_TITLE: &str = "Tin mới";
/// Title of the document on the front page.
pub const SITE_TITLE: &str = "Tin tức";
