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
/// The app's code did not come (its part of the wasm), on a page it had not drawn: the
/// same words `public/boot.js` shows when the main part fails.
pub const APP_FAILED: &str = "Không tải được trang. Vui lòng kiểm tra mạng rồi tải lại trang.";
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
/// The masthead's menu of categories (its `nav`'s label).
pub const MENU: &str = "Chuyên mục";
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

/// The moderation desk's words (its pages under `--desk-path`, for the newsroom's
/// moderators, not for readers).
pub mod desk {
    /// After every page's title, and the desk's name in its header.
    pub const NAME: &str = "Bàn kiểm duyệt";
    /// The skip link to the main content.
    pub const SKIP: &str = "Bỏ qua, đến nội dung chính";
    /// Label of the desk's navigation.
    pub const NAV: &str = "Các trang của bàn kiểm duyệt";
    /// The pending queue: its page, its title, its link.
    pub const QUEUE: &str = "Hàng chờ duyệt";
    /// The link to published comments.
    pub const PUBLISHED_LINK: &str = "Đã đăng";
    /// The audit log's link.
    pub const AUDIT_LINK: &str = "Nhật ký";
    /// Before the logged-in moderator's name.
    pub const ACCOUNT: &str = "Tài khoản: ";
    /// The logout button.
    pub const LOGOUT: &str = "Đăng xuất";
    /// The login page's heading.
    pub const LOGIN_HEADING: &str = "Đăng nhập bàn kiểm duyệt";
    /// The login page's title and its button.
    pub const LOGIN: &str = "Đăng nhập";
    /// The name field.
    pub const LOGIN_NAME: &str = "Tên đăng nhập";
    /// The password field.
    pub const PASSWORD: &str = "Mật khẩu";
    /// The same answer for an unknown name and a wrong password: neither tells the other.
    pub const WRONG_LOGIN: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";
    /// Too many login attempts, before the seconds to wait.
    pub const TOO_MANY_LOGINS: &str = "Quá nhiều lần đăng nhập. Vui lòng thử lại sau";
    /// After the seconds to wait.
    pub const SECONDS: &str = "giây.";
    /// A refused request's title and heading.
    pub const REFUSED: &str = "Yêu cầu bị từ chối";
    /// A form without its session's CSRF token, or with a wrong one.
    pub const BAD_TOKEN: &str =
        "Biểu mẫu đã hết hạn hoặc không hợp lệ (mã chống giả mạo không đúng), \
        nên không có gì thay đổi. Hãy tải lại trang rồi thử lại.";
    /// A form posted from another site.
    pub const OTHER_SITE: &str = "Yêu cầu đến từ một trang khác, nên không có gì thay đổi.";
    /// Back to the queue from a refusal.
    pub const BACK_TO_QUEUE: &str = "Về hàng chờ duyệt";
    /// The spam guard's flag `links`.
    pub const FLAG_LINKS: &str = "Nhiều liên kết";
    /// The spam guard's flag `banned:word`, before the word.
    pub const FLAG_BANNED: &str = "Từ cấm:";
    /// Any other flag, before it.
    pub const FLAG_OTHER: &str = "Bị giữ lại:";
    /// Before a comment's article.
    pub const ARTICLE: &str = "Bài viết: ";
    /// Before a comment's time.
    pub const SENT_AT: &str = "Gửi lúc ";
    /// Before a comment's id.
    pub const ID: &str = " · mã ";
    /// Before a held comment's flag.
    pub const WARNING: &str = "Cảnh báo: ";
    /// Before the author of the comment a reply answers.
    pub const REPLY_TO: &str = "Trả lời bình luận của ";
    /// The keyboard shortcuts' heading.
    pub const SHORTCUTS: &str = "Phím tắt";
    /// Shortcut j.
    pub const KEY_NEXT: &str = " xuống bình luận sau";
    /// Shortcut k.
    pub const KEY_PREVIOUS: &str = " lên bình luận trước";
    /// Shortcut a.
    pub const KEY_APPROVE: &str = " duyệt bình luận đang chọn";
    /// Shortcut r.
    pub const KEY_REJECT: &str = " từ chối bình luận đang chọn";
    /// Shortcut x.
    pub const KEY_MARK: &str = " đánh dấu để duyệt hoặc từ chối hàng loạt";
    /// The pending counts per article.
    pub const PER_ARTICLE: &str = "Theo bài viết";
    /// After an article's pending count.
    pub const PENDING_COUNT: &str = " bình luận chờ";
    /// An empty queue.
    pub const QUEUE_EMPTY: &str = "Không có bình luận nào chờ duyệt.";
    /// The queue's list heading.
    pub const QUEUE_LIST: &str = "Bình luận chờ duyệt, mới nhất trước";
    /// Approves the marked comments.
    pub const APPROVE_MARKED: &str = "Duyệt các mục đã đánh dấu";
    /// Rejects the marked comments.
    pub const REJECT_MARKED: &str = "Từ chối các mục đã đánh dấu";
    /// Before a reply's author.
    pub const REPLY_BY: &str = "Trả lời của ";
    /// Before a comment's author.
    pub const COMMENT_BY: &str = "Bình luận của ";
    /// Marks a comment for a bulk action.
    pub const MARK: &str = "Đánh dấu";
    /// Approves one comment; the audit log's word for an approval.
    pub const APPROVE: &str = "Duyệt";
    /// Rejects one comment; the audit log's word for a rejection.
    pub const REJECT: &str = "Từ chối";
    /// Published comments: the page's title and heading.
    pub const PUBLISHED: &str = "Bình luận đã đăng";
    /// The search field.
    pub const SEARCH_LABEL: &str = "Tìm theo bài viết (đường dẫn hoặc tiêu đề) hoặc tên người viết";
    /// The search button.
    pub const SEARCH: &str = "Tìm";
    /// The newest published comments, without a search.
    pub const RECENT: &str = "Mới đăng gần đây";
    /// Before a search's words.
    pub const RESULTS_FOR: &str = "Kết quả cho «";
    /// Nothing found.
    pub const NOTHING_FOUND: &str = "Không tìm thấy bình luận nào.";
    /// Hides a published comment.
    pub const HIDE_THIS: &str = "Ẩn bình luận này";
    /// The audit log's word for hiding.
    pub const HIDE: &str = "Ẩn";
    /// The audit log's word for anything else.
    pub const OTHER_ACTION: &str = "Khác";
    /// The audit log: its title and heading.
    pub const AUDIT: &str = "Nhật ký kiểm duyệt";
    /// An empty audit log.
    pub const AUDIT_EMPTY: &str = "Chưa có việc nào được ghi lại.";
    /// The audit table's caption.
    pub const AUDIT_CAPTION: &str =
        "Ai đã duyệt, từ chối hay ẩn bình luận nào, đăng hay kết thúc tường thuật nào, lúc nào (mới nhất trước)";
    /// The audit table's columns.
    pub const COL_TIME: &str = "Thời gian";
    /// See [`COL_TIME`].
    pub const COL_ACTOR: &str = "Người làm";
    /// See [`COL_TIME`].
    pub const COL_ACTION: &str = "Việc";
    /// See [`COL_TIME`].
    pub const COL_COMMENT: &str = "Bình luận";
    /// See [`COL_TIME`].
    pub const COL_ARTICLE: &str = "Bài viết";
    /// The notice after approving, before the count.
    pub const DONE_APPROVE: &str = "Đã duyệt";
    /// The notice after rejecting, before the count.
    pub const DONE_REJECT: &str = "Đã từ chối";
    /// The notice after hiding, before the count.
    pub const DONE_HIDE: &str = "Đã ẩn";
    /// The notice, after the count.
    pub const DONE_COMMENTS: &str = "bình luận.";
    /// Live coverage: its page, its title, its link.
    pub const LIVE: &str = "Tường thuật trực tiếp";
    /// The form that adds an entry: its heading.
    pub const LIVE_ADD_HEADING: &str = "Cập nhật mới";
    /// The article's slug field.
    pub const LIVE_SLUG: &str = "Bài viết (slug)";
    /// Under the slug field.
    pub const LIVE_SLUG_HINT: &str =
        "Slug của bài đã đăng, ví dụ: tran-chung-ket-bong-da. Gợi ý: các bài đang tường thuật.";
    /// The entry's title field.
    pub const LIVE_TITLE: &str = "Tiêu đề (không bắt buộc)";
    /// The entry's text field.
    pub const LIVE_BODY: &str = "Nội dung";
    /// Under the text field.
    pub const LIVE_BODY_HINT: &str =
        "Văn bản thuần: một dòng trống ngăn cách các đoạn; không dùng được thẻ HTML.";
    /// Adds the entry.
    pub const LIVE_POST: &str = "Đăng cập nhật";
    /// The list of coverages: its heading.
    pub const LIVE_LIST: &str = "Các bài có tường thuật";
    /// No coverage yet.
    pub const LIVE_NONE: &str = "Chưa có bài nào có tường thuật.";
    /// A coverage going on.
    pub const LIVE_ON: &str = "đang tường thuật";
    /// A coverage over.
    pub const LIVE_OVER: &str = "đã kết thúc";
    /// A coverage whose file is not valid.
    pub const LIVE_BROKEN: &str = "tệp live.json hỏng";
    /// Ends a coverage; the audit log's word for it too.
    pub const LIVE_END: &str = "Kết thúc tường thuật";
    /// The audit log's word for adding an entry.
    pub const LIVE_ADDED_ACTION: &str = "Đăng cập nhật trực tiếp";
    /// The notice after adding an entry.
    pub const LIVE_DONE_ADD: &str = "Đã đăng cập nhật.";
    /// The notice after ending a coverage.
    pub const LIVE_DONE_END: &str = "Đã kết thúc tường thuật.";
    /// An empty entry.
    pub const LIVE_EMPTY_BODY: &str = "Nội dung cập nhật không được để trống.";
    /// A slug that is not one.
    pub const LIVE_BAD_SLUG: &str =
        "Slug không hợp lệ: chỉ gồm chữ thường không dấu a-z, chữ số và dấu gạch ngang.";
    /// A slug without an article.
    pub const LIVE_NO_ARTICLE: &str = "Không có bài viết nào với slug này: hãy đăng bài trước.";
    /// An ended coverage.
    pub const LIVE_IS_OVER: &str = "Tường thuật của bài này đã kết thúc: không thêm được cập nhật.";
    /// A broken entries file.
    pub const LIVE_BAD_FILE: &str =
        "Tệp live.json của bài này không hợp lệ: cần sửa hoặc xoá tệp trên máy chủ.";
    /// A file grown too large.
    pub const LIVE_TOO_LARGE: &str = "Tường thuật đã quá dài: hãy tiếp tục trong một bài viết mới.";
    /// Anything else.
    pub const LIVE_FAILED: &str = "Không ghi được tường thuật. Hãy thử lại sau.";
}

/// The search box's label (v3), and the search page's title.
pub const SEARCH: &str = "Tìm kiếm";
/// The search box's placeholder.
pub const SEARCH_PLACEHOLDER: &str = "Nhập từ khóa, ví dụ: Đà Nẵng";
/// The search box's button.
pub const SEARCH_GO: &str = "Tìm";
/// Before the count of results: «Tìm thấy 3 kết quả cho “đà nẵng”».
pub const FOUND: &str = "Tìm thấy";
/// Between the count and the query.
pub const RESULTS_FOR: &str = "kết quả cho";
/// When a search finds nothing.
pub const NOTHING_FOUND: &str = "Không tìm thấy kết quả phù hợp";
/// The hint under it.
pub const NOTHING_FOUND_HINT: &str =
    "Hãy thử từ khóa khác, ít từ hơn, hoặc gõ không dấu (ví dụ: «da nang»).";
/// A search with nothing to search (an empty box): the server's words for it too.
pub const SEARCH_EMPTY: &str = "Vui lòng nhập từ khóa cần tìm";
/// A query the server refused (422: too long, nothing searchable).
pub const SEARCH_REFUSED: &str =
    "Không tìm được với từ khóa này. Vui lòng thử từ khóa khác, ngắn hơn.";
/// A host without search (404 for `search.json`).
pub const SEARCH_OFF: &str =
    "Trang này chưa hỗ trợ tìm kiếm. Vui lòng xem các chuyên mục từ trang chủ.";
/// The label of a topic's breadcrumb item (a tag's page).
pub const TOPIC: &str = "Chủ đề";

/// Before a video's duration, «Video · 2:35»; and v3's formats, the word a screen reader
/// hears before a listed title (the lists draw its icon): this for a video, [`PHOTO`] for a
/// photo gallery, [`LIVE_NOW`] for live coverage.
pub const VIDEO: &str = "Video";
/// The link to the video's file, inside the player: a browser without video shows it.
pub const VIDEO_DOWNLOAD: &str = "Tải video về máy";
/// (v3) A gallery: after its count of images, «12 ảnh»; before a position, «Ảnh 3/12»
/// (the name of an image whose data gives no alt).
pub const PHOTOS: &str = "ảnh";
/// The same word starting a phrase.
pub const PHOTO: &str = "Ảnh";
/// The gallery's dialog: its name, its close button, and its buttons to page.
pub const GALLERY_VIEWER: &str = "Xem ảnh";
pub const GALLERY_CLOSE: &str = "Đóng";
pub const GALLERY_PREVIOUS: &str = "Ảnh trước";
pub const GALLERY_NEXT: &str = "Ảnh sau";
/// (v3, live coverage) The badge in a live article's header.
pub const LIVE_NOW: &str = "Trực tiếp";
/// The heading of a live article's entries.
pub const LIVE_UPDATES: &str = "Diễn biến";
/// A coverage that is over: said in its section's status line.
pub const LIVE_ENDED: &str = "Đã kết thúc tường thuật";
/// No entry yet.
pub const LIVE_NO_ENTRIES: &str = "Chưa có cập nhật nào.";
/// After the count of entries the reader has not been shown: «2 cập nhật mới».
pub const LIVE_NEW: &str = "cập nhật mới";
/// After the count of older entries a page was written without: «Còn 480 cập nhật trước»
/// (the text a reader without script sees), «Xem 20 cập nhật trước» (the island's button).
pub const LIVE_EARLIER: &str = "cập nhật trước";
/// Before that count, in the text written by the server.
pub const LIVE_LEFT: &str = "Còn";
/// Before that count, on the island's button.
pub const LIVE_SEE: &str = "Xem";
