//! `sitemap.xml` and `robots.txt`.
//!
//! A sitemap must list absolute URLs, so it is written only when `base_url` is
//! set: every HTML page except `404.html`, in path order, directories as `…/`.
//! `robots.txt` is always written: it allows everything, and names the sitemap
//! when there is one (crawlers read it only at the root of a host).
//!
//! **In**: the base URL and the paths of the site's files. **Out**: the two files.

use super::absolute;
use super::xml::escape;
use crate::render::urls;

pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

pub fn files<'a>(base_url: &str, paths: impl Iterator<Item = &'a str>) -> Vec<(String, Vec<u8>)> {
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    let mut out = Vec::new();
    if let Some(sitemap_url) = absolute(base_url, SITEMAP) {
        robots.push_str(&format!("\nSitemap: {sitemap_url}\n"));
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for path in paths.filter(|p| p.ends_with(".html") && *p != urls::NOT_FOUND) {
            if let Some(url) = absolute(base_url, path) {
                x.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&url)));
            }
        }
        x.push_str("</urlset>\n");
        out.push((SITEMAP.to_string(), x.into_bytes()));
    }
    out.push((ROBOTS.to_string(), robots.into_bytes()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_only_with_a_base_url() {
        let paths = ["404.html", "A/RES/61/183/index.html", "A/RES/61/183/index.json", "index.html"];
        let none = files("", paths.iter().copied());
        assert_eq!(none.len(), 1);
        assert_eq!(none[0].1, b"User-agent: *\nAllow: /\n");
        let with = files("https://x.org/un/", paths.iter().copied());
        let map = String::from_utf8(with[0].1.clone()).unwrap();
        assert!(map.contains("<loc>https://x.org/un/A/RES/61/183/</loc>"));
        assert!(map.contains("<loc>https://x.org/un/</loc>"));
        assert!(!map.contains("404") && !map.contains("json"));
        assert!(String::from_utf8(with[1].1.clone()).unwrap().ends_with("Sitemap: https://x.org/un/sitemap.xml\n"));
    }
}
