//! Structured data a page states about itself in JSON-LD (`<script type="application/ld+json">`).
//!
//! Reads every JSON-LD block, flattens top-level lists, `@graph` arrays and `mainEntity`
//! objects, and picks the article object (`NewsArticle`, `Article`, `BlogPosting`, …) that the
//! page is about, resolving `@id` references for its author and publisher. Invalid JSON is
//! skipped, never reported. Choosing between these values and the page's other metadata is left
//! to the caller.

use std::collections::HashMap;

use scraper::{Html, Selector};
use serde_json::{Map, Value};

use crate::article::clean::normalise_space;

/// What the JSON-LD of a page says about its article, as raw strings.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LinkedData {
    /// Whether an article-typed object was found.
    pub is_article: bool,
    /// The article's `headline`, else its `name`.
    pub headline: Option<String>,
    /// The `headline` of a `WebPage` object.
    pub page_headline: Option<String>,
    /// The `name` of a `WebPage` object (often the page title, site name included).
    pub page_name: Option<String>,
    /// `datePublished`, else `dateCreated`.
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
    /// The article's `url`, else its `mainEntityOfPage`.
    pub url: Option<String>,
    /// Author names, joined by `, `.
    pub author: Option<String>,
    /// The publisher's name.
    pub publisher: Option<String>,
    /// The name of a `WebSite` object.
    pub website: Option<String>,
    /// The full text in `articleBody`.
    pub article_body: Option<String>,
}

/// Reads the JSON-LD blocks of a document. `canonical` helps choose among several article
/// objects: the one whose address matches it wins, else the first.
pub fn read_linked_data(doc: &Html, canonical: Option<&str>) -> LinkedData {
    let Ok(selector) = Selector::parse("script") else {
        return LinkedData::default();
    };
    let values: Vec<Value> = doc
        .select(&selector)
        .filter(|s| {
            s.value()
                .attr("type")
                .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
        })
        .flat_map(|s| parse_block(&s.text().collect::<String>()))
        .collect();
    let mut objects = Vec::new();
    for value in &values {
        flatten(value, &mut objects);
    }
    let ids: HashMap<&str, &Map<String, Value>> = objects
        .iter()
        .filter_map(|o| Some((o.get("@id")?.as_str()?, *o)))
        .collect();
    describe(&objects, &ids, canonical)
}

/// Gathers what the flattened objects say into a [`LinkedData`].
fn describe(
    objects: &[&Map<String, Value>],
    ids: &HashMap<&str, &Map<String, Value>>,
    canonical: Option<&str>,
) -> LinkedData {
    let articles: Vec<&Map<String, Value>> = objects
        .iter()
        .copied()
        .filter(|o| has_type(o, is_article_type))
        .collect();
    let article = articles
        .iter()
        .find(|o| canonical.is_some_and(|c| same_address(object_url(o).as_deref(), c)))
        .or_else(|| articles.first())
        .copied();
    let page = objects
        .iter()
        .copied()
        .find(|o| has_type(o, |t| matches!(t, "WebPage" | "ItemPage")));
    let dated = article
        .into_iter()
        .chain(page)
        .chain(objects.iter().copied());
    let mut data = LinkedData {
        is_article: article.is_some(),
        page_headline: page.and_then(|p| string_field(p, "headline")),
        page_name: page.and_then(|p| string_field(p, "name")),
        website: objects
            .iter()
            .find(|o| has_type(o, |t| t == "WebSite"))
            .and_then(|o| string_field(o, "name")),
        ..LinkedData::default()
    };
    for object in dated {
        data.published = data.published.or_else(|| {
            string_field(object, "datePublished").or_else(|| string_field(object, "dateCreated"))
        });
        data.modified = data
            .modified
            .or_else(|| string_field(object, "dateModified"));
    }
    if let Some(article) = article {
        data.headline = string_field(article, "headline").or_else(|| string_field(article, "name"));
        data.url = object_url(article);
        data.author = article.get("author").and_then(|a| names(a, ids));
        data.article_body = article
            .get("articleBody")
            .and_then(Value::as_str)
            .map(decode_entities)
            .filter(|b| !b.trim().is_empty());
    }
    data.publisher = article
        .into_iter()
        .chain(page)
        .find_map(|o| o.get("publisher").and_then(|p| names(p, ids)));
    data
}

/// Parses one script's text into the JSON values it holds. Tolerates HTML comment and CDATA
/// wrappers, raw line breaks inside strings and several values in a row; returns what could be
/// read before the first error.
fn parse_block(text: &str) -> Vec<Value> {
    let start = text.find(['{', '[']);
    let end = text.rfind(['}', ']']);
    let (Some(start), Some(end)) = (start, end) else {
        return Vec::new();
    };
    let Some(body) = text.get(start..=end) else {
        return Vec::new();
    };
    let values = parse_values(body);
    if !values.is_empty() {
        return values;
    }
    let flattened: String = body
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    parse_values(&flattened)
}

/// Reads consecutive JSON values until the first error.
fn parse_values(text: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// Collects the objects of a value: itself, the items of a list, the members of `@graph` and
/// the `mainEntity` it describes.
fn flatten<'a>(value: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| flatten(v, out)),
        Value::Object(object) => {
            out.push(object);
            for key in ["@graph", "mainEntity"] {
                if let Some(inner) = object.get(key) {
                    flatten(inner, out);
                }
            }
        }
        _ => {}
    }
}

/// Whether an object's `@type` (a string or a list) has a type for which `test` holds. Types
/// are compared without a schema.org prefix.
fn has_type(object: &Map<String, Value>, test: impl Fn(&str) -> bool) -> bool {
    let bare = |t: &str| t.rsplit(['/', ':']).next().unwrap_or(t).to_string();
    match object.get("@type") {
        Some(Value::String(t)) => test(&bare(t)),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .any(|t| test(&bare(t))),
        _ => false,
    }
}

/// Whether a schema.org type is a kind of article.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("Posting") || t == "Report"
}

/// A field's text, when it is a non-empty string (or a list starting with one), with HTML
/// entities decoded and whitespace collapsed.
fn string_field(object: &Map<String, Value>, key: &str) -> Option<String> {
    let text = match object.get(key)? {
        Value::String(s) => s.as_str(),
        Value::Array(items) => items.first()?.as_str()?,
        _ => return None,
    };
    let text = normalise_space(&decode_entities(text));
    (!text.is_empty()).then_some(text)
}

/// The article's address: `url`, else `mainEntityOfPage` (a string or an object's `@id`).
fn object_url(object: &Map<String, Value>) -> Option<String> {
    string_field(object, "url").or_else(|| match object.get("mainEntityOfPage")? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(o) => string_field(o, "@id").or_else(|| string_field(o, "url")),
        _ => None,
    })
}

/// Names from an `author` or `publisher` value: a string, an object with a `name` (or an `@id`
/// naming another object of the page), or a list of those; joined by `, `, URLs left out.
fn names(value: &Value, ids: &HashMap<&str, &Map<String, Value>>) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for item in items {
        let name = match item {
            Value::String(s) => Some(normalise_space(&decode_entities(s))),
            Value::Object(o) => string_field(o, "name").or_else(|| {
                let target = ids.get(o.get("@id")?.as_str()?)?;
                string_field(target, "name")
            }),
            _ => None,
        };
        if let Some(name) = name.filter(|n| !n.is_empty() && !n.contains("://"))
            && !found.contains(&name)
        {
            found.push(name);
        }
    }
    (!found.is_empty()).then(|| found.join(", "))
}

/// Whether two addresses name the same page, ignoring a trailing slash and the scheme.
pub fn same_address(a: Option<&str>, b: &str) -> bool {
    let strip = |s: &str| {
        let s = s.trim().trim_end_matches('/');
        s.split_once("://").map_or(s, |(_, rest)| rest).to_string()
    };
    a.is_some_and(|a| strip(a) == strip(b))
}

/// Decodes HTML entities (and drops tags) in text that did not pass through the HTML parser.
fn decode_entities(text: &str) -> String {
    if !text.contains(['&', '<']) {
        return text.to_string();
    }
    Html::parse_fragment(text)
        .root_element()
        .text()
        .collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> LinkedData {
        let html = format!(r#"<script type="application/ld+json">{json}</script>"#);
        read_linked_data(&Html::parse_document(&html), None)
    }

    #[test]
    fn reads_graph_with_id_references() {
        let data = read(
            r#"{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"https://ex.org/#site","name":"Example Daily"},
              {"@type":"Organization","@id":"https://ex.org/#org","name":"Example Media"},
              {"@type":"Person","@id":"https://ex.org/#jane","name":"Jane Roe"},
              {"@type":["NewsArticle"],"headline":"Bridge reopens &amp; traffic flows",
               "datePublished":"2024-03-05T08:00:00+01:00","author":{"@id":"https://ex.org/#jane"},
               "publisher":{"@id":"https://ex.org/#org"},
               "mainEntityOfPage":{"@id":"https://ex.org/bridge"}}]}"#,
        );
        assert!(data.is_article);
        assert_eq!(
            data.headline.as_deref(),
            Some("Bridge reopens & traffic flows")
        );
        assert_eq!(data.published.as_deref(), Some("2024-03-05T08:00:00+01:00"));
        assert_eq!(data.author.as_deref(), Some("Jane Roe"));
        assert_eq!(data.publisher.as_deref(), Some("Example Media"));
        assert_eq!(data.website.as_deref(), Some("Example Daily"));
        assert_eq!(data.url.as_deref(), Some("https://ex.org/bridge"));
    }

    #[test]
    fn reads_lists_of_authors_and_raw_line_breaks() {
        let data = read(
            "<!-- [{\"@type\":\"http://schema.org/BlogPosting\",\"name\":\"Notes\",\n\
             \"author\":[{\"name\":\"A. One\"},\"B. Two\",\"https://ex.org/c\"],\n\
             \"articleBody\":\"Line one.\nLine two.\"}] -->",
        );
        assert_eq!(data.headline.as_deref(), Some("Notes"));
        assert_eq!(data.author.as_deref(), Some("A. One, B. Two"));
        assert_eq!(data.article_body.as_deref(), Some("Line one. Line two."));
    }

    #[test]
    fn broken_json_is_ignored() {
        assert_eq!(
            read(r#"{"@type":"NewsArticle","headline":"#),
            LinkedData::default()
        );
        assert_eq!(read("not json at all"), LinkedData::default());
    }

    #[test]
    fn prefers_article_matching_canonical() {
        let html = r#"<script type="application/ld+json">[
            {"@type":"NewsArticle","headline":"Other","url":"https://ex.org/other"},
            {"@type":"NewsArticle","headline":"This one","url":"https://ex.org/this/"}]</script>"#;
        let data = read_linked_data(&Html::parse_document(html), Some("http://ex.org/this"));
        assert_eq!(data.headline.as_deref(), Some("This one"));
    }
}
