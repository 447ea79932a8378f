fn main() {
    news_app::start();
}
