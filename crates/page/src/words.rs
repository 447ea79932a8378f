//! Every word the app shows, in Vietnamese, in one place (a later locale swaps this file):
//! the wasm app, the prerendered and served pages alike.

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
/// Heading of a page that could not be loaded (the reason and «Thử lại» follow).
pub const ERROR_TITLE: &str = "Không tải được trang";
/// No network, or the request failed before an answer.
pub const ERR_NETWORK: &str = "Không kết nối được. Vui lòng kiểm tra mạng rồi thử lại.";
/// The server took too long.
pub const ERR_TIMEOUT: &str = "Máy chủ phản hồi quá lâu. Vui lòng thử lại.";
/// A 5xx or other unexpected status (the code follows).
pub const ERR_SERVER: &str = "Máy chủ đang gặp sự cố, vui lòng thử lại sau ít phút. Mã lỗi:";
/// An answer that is not the JSON the contract promises.
pub const ERR_INVALID: &str = "Dữ liệu nhận được bị lỗi nên không thể hiển thị.";
/// Above an article the service worker answered from its copy, the network having failed.
pub const SAVED_COPY: &str = "Bạn đang đọc bản đã lưu";
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
/// Heading of the comments section (the count follows in brackets).
pub const COMMENTS: &str = "Bình luận";
/// Shown instead of comments when an article has them turned off.
pub const COMMENTS_OFF: &str = "Bài viết này không nhận bình luận.";
/// When an article has no approved comment yet.
pub const NO_COMMENTS: &str = "Chưa có bình luận nào. Hãy là người đầu tiên.";
/// Loads the next, older page of comments.
pub const MORE_COMMENTS: &str = "Xem thêm bình luận";
/// Label of the comment box.
pub const LABEL_BODY: &str = "Bình luận của bạn";
/// Label of the name field.
pub const LABEL_NAME: &str = "Tên của bạn";
/// Placeholder of the comment box (the seed's words).
pub const PLACEHOLDER_BODY: &str = "Vui lòng nhập bình luận của bạn";
/// Placeholder of the name field (the seed's words).
pub const PLACEHOLDER_NAME: &str = "Vui lòng nhập tên của bạn ở đây";
/// The submit button.
pub const SEND: &str = "Gửi bình luận";
/// The submit button while sending.
pub const SENDING: &str = "Đang gửi…";
/// After a 201 pending.
pub const SENT_PENDING: &str =
    "Cảm ơn bạn! Bình luận của bạn đang chờ duyệt và sẽ hiện sau khi được biên tập viên duyệt.";
/// After a 201 published.
pub const SENT_PUBLISHED: &str = "Cảm ơn bạn! Bình luận của bạn đã được đăng.";
/// After a 429 (the wait follows).
pub const TOO_FAST: &str = "Bạn gửi bình luận hơi nhanh. Vui lòng thử lại sau";
/// After any other failure.
pub const SEND_FAILED: &str =
    "Chưa gửi được bình luận. Nội dung bạn nhập vẫn được giữ nguyên, vui lòng thử lại.";
/// After a 422 without a message for a field.
pub const CHECK_FIELDS: &str = "Vui lòng kiểm tra lại các ô được đánh dấu.";
/// Characters left, before the number.
pub const CHARS_LEFT: &str = "Còn";
/// Characters, after the number.
pub const CHARS: &str = "ký tự";
/// Characters over the limit, before the number.
pub const CHARS_OVER: &str = "Vượt quá";
/// The honeypot's label (hidden from people and screen readers).
pub const HONEYPOT: &str = "Trang web";
/// A comment's like button (the count follows).
pub const LIKE: &str = "Thích";
/// After a comment's count of likes, where they cannot be given.
pub const LIKES: &str = "lượt thích";
/// Opens the reply form under a thread.
pub const REPLY: &str = "Trả lời";
/// Loads a thread's other replies: «Xem thêm N trả lời».
pub const MORE_REPLIES: &str = MORE;
/// Loads the next page of a list of articles (front and category pages), in place.
pub const MORE: &str = "Xem thêm";
/// Announced once «Xem thêm» has brought a page: «Đã tải thêm 20 bài viết».
pub const LOADED_MORE: &str = "Đã tải thêm";
/// After the number of articles «Xem thêm» brought.
pub const ARTICLES: &str = "bài viết";
/// After the number of replies not shown yet.
pub const REPLIES: &str = "trả lời";
/// Label of the reply form (the name of the comment answered follows).
pub const REPLY_TO: &str = "Trả lời bình luận";
/// Closes the reply form (the draft stays).
pub const CANCEL: &str = "Hủy";
/// Label of the choice of order.
pub const ORDER: &str = "Thứ tự bình luận";
/// Newest comments first.
pub const ORDER_NEWEST: &str = "Mới nhất";
/// Most liked comments first.
pub const ORDER_TOP: &str = "Quan tâm nhất";
/// A like the host did not take (it is undone).
pub const LIKE_FAILED: &str = "Chưa thích được bình luận, vui lòng thử lại.";
/// Replies that could not be loaded.
pub const REPLIES_FAILED: &str = "Chưa tải được các trả lời, vui lòng thử lại.";
/// After the reading time's minutes: «4 phút đọc».
pub const READING_TIME: &str = "phút đọc";
/// Label of the article's tools (share, listen, text size, dark mode).
pub const TOOLS: &str = "Tiện ích bài viết";
/// Label of a group of share controls.
pub const SHARE_LABEL: &str = "Chia sẻ bài viết";
/// Opens the system's share sheet (Web Share API).
pub const SHARE: &str = "Chia sẻ";
/// Shares to Facebook.
pub const SHARE_FACEBOOK: &str = "Facebook";
/// Shares to Zalo.
pub const SHARE_ZALO: &str = "Zalo";
/// Copies the article's address.
pub const COPY_LINK: &str = "Sao chép liên kết";
/// Announced once the address is copied.
pub const LINK_COPIED: &str = "Đã sao chép liên kết";
/// Plays (and pauses) the article's recording, or reads it aloud.
pub const LISTEN: &str = "Nghe bài viết";
/// Label of the article's recording.
pub const AUDIO_LABEL: &str = "Bản ghi âm bài viết";
/// Label of the text size buttons.
pub const TEXT_SIZE: &str = "Cỡ chữ";
/// Makes the article's text smaller (shown «A−»).
pub const SMALLER: &str = "Giảm cỡ chữ";
/// Makes the article's text larger (shown «A+»).
pub const LARGER: &str = "Tăng cỡ chữ";
/// The dark mode switch.
pub const DARK_MODE: &str = "Giao diện tối";
/// Before the article's address, on paper.
pub const ADDRESS: &str = "Địa chỉ bài viết:";
