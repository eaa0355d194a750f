//! Relative addresses inside the site.

/// The relative path from the page at `url` (`ko/market-size/`) to the site root (`../../`).
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots() {
        assert_eq!(root_of(""), "");
        assert_eq!(root_of("ko/"), "../");
        assert_eq!(root_of("ko/market/"), "../../");
    }
}
