//! Saved pages for the HTML parser's tests, written for these tests in the shapes real sites
//! use (WordPress themes, a big news site with a JSON-LD graph, AMP, index pages, broken markup).

/// A WordPress theme: Yoast JSON-LD graph, site header and menu, entry header and meta, share
/// and related-post blocks inside the content, tags footer, comments, sidebar widgets.
pub const WORDPRESS: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<title>Council approves new cycle lanes &#8211; Riverside Chronicle</title>
<meta name="description" content="The city council voted on Tuesday to build four new protected cycle lanes.">
<link rel="canonical" href="https://riversidechronicle.example/2024/03/05/council-approves-new-cycle-lanes/">
<meta property="og:type" content="article">
<meta property="og:title" content="Council approves new cycle lanes">
<meta property="og:site_name" content="Riverside Chronicle">
<meta property="article:published_time" content="2024-03-05T18:40:00+00:00">
<meta property="og:updated_time" content="2024-03-07T09:12:44+00:00">
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","@id":"https://riversidechronicle.example/2024/03/05/council-approves-new-cycle-lanes/","url":"https://riversidechronicle.example/2024/03/05/council-approves-new-cycle-lanes/","name":"Council approves new cycle lanes - Riverside Chronicle","isPartOf":{"@id":"https://riversidechronicle.example/#website"}},{"@type":"Article","@id":"https://riversidechronicle.example/2024/03/05/council-approves-new-cycle-lanes/#article","isPartOf":{"@id":"https://riversidechronicle.example/2024/03/05/council-approves-new-cycle-lanes/"},"author":{"name":"Priya Natarajan","@id":"https://riversidechronicle.example/#/schema/person/1f2e"},"headline":"Council approves new cycle lanes","datePublished":"2024-03-05T18:40:00+00:00","dateModified":"2024-03-07T09:12:44+00:00","publisher":{"@id":"https://riversidechronicle.example/#organization"}},{"@type":"Organization","@id":"https://riversidechronicle.example/#organization","name":"Riverside Chronicle Ltd"},{"@type":"WebSite","@id":"https://riversidechronicle.example/#website","name":"Riverside Chronicle"}]}</script>
</head>
<body class="post-template-default single single-post postid-4411 comments-open">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div id="page" class="site">
<header id="masthead" class="site-header">
  <p class="site-title"><a href="/" rel="home">Riverside Chronicle</a></p>
  <p class="site-description">News from the river towns since 1887</p>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
    <li><a href="/news/">News</a></li><li><a href="/sport/">Sport</a></li><li><a href="/opinion/">Opinion</a></li>
  </ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-4411" class="post-4411 post type-post status-publish format-standard hentry category-news tag-social-media tag-transport">
  <header class="entry-header">
    <h1 class="entry-title">Council approves new cycle lanes</h1>
    <div class="entry-meta">
      <span class="posted-on">Posted on <time class="entry-date published" datetime="2024-03-05T18:40:00+00:00">March 5, 2024</time></span>
      <span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/priya/">Priya Natarajan</a></span></span>
    </div>
  </header>
  <div class="entry-content">
<p>The city council voted on Tuesday to build four new protected cycle lanes across the town centre, ending a two-year argument over road space.</p>
<p>Councillors backed the plan by 31 votes to 12 after a debate that ran past midnight. The lanes will link the railway station with the hospital, the college and the market square.</p>
<h2>Work to start in the summer</h2>
<p>Construction is due to begin in July &amp; should take about eighteen months, the council&#8217;s transport chief, Elena Marsh, told the meeting.</p>
<ul>
<li>Station Road will lose one lane of parking.</li>
<li>The market square will close to through traffic on Saturdays.</li>
</ul>
<blockquote><p>&#8220;This is the biggest change to our streets in a generation,&#8221; Marsh said.</p></blockquote>
<p>Opposition members said shop owners had not been consulted and warned that deliveries would suffer.</p>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on X</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><p>Bus fares to rise again in April, operators warn residents</p></div>
  </div>
  <footer class="entry-footer"><span class="cat-links">Posted in <a href="/news/">News</a></span><span class="tags-links">Tagged <a href="/tag/transport/">transport</a></span></footer>
</article>
<div id="comments" class="comments-area">
  <h2 class="comments-title">2 thoughts on &ldquo;Council approves new cycle lanes&rdquo;</h2>
  <ol class="comment-list"><li class="comment"><article class="comment-body"><p>About time too, the station road is a death trap for anyone on a bike in the evening.</p></article></li></ol>
  <div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
  <form action="/wp-comments-post.php" method="post" id="commentform"><p class="comment-notes">Your email address will not be published. Required fields are marked *</p><textarea id="comment" name="comment"></textarea><input type="submit" value="Post Comment"></form></div>
</div>
</main></div>
<aside id="secondary" class="widget-area">
  <section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="/a">Library opening hours extended over the winter months</a></li></ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2024 Riverside Chronicle. Proudly powered by WordPress.</div></footer>
</div>
</body>
</html>
"##;

/// A big news site: application shell, JSON-LD `@graph` with two authors and a publisher,
/// a body split around an advertisement, figure captions, inline related links, a most-read
/// rail, a newsletter box and a footer.
pub const BIG_NEWS: &str = r##"<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Markets slide as central bank signals longer pause - World Business | Globe Wire</title>
<link rel="canonical" href="https://www.globewire.example/business/markets-slide-central-bank-pause-8d2k1">
<script type="application/ld+json">
[{"@context":"http://schema.org","@graph":[
 {"@type":"NewsArticle","headline":"Markets slide as central bank signals longer pause",
  "datePublished":"2025-01-31T23:45:00-05:00","dateModified":"2025-02-01T08:02:00-05:00",
  "author":[{"@type":"Person","name":"Tomás Ferreira"},{"@type":"Person","name":"Lin Chen"}],
  "publisher":{"@type":"NewsMediaOrganization","name":"Globe Wire","logo":{"@type":"ImageObject","url":"https://www.globewire.example/logo.png"}},
  "mainEntityOfPage":{"@type":"WebPage","@id":"https://www.globewire.example/business/markets-slide-central-bank-pause-8d2k1"}},
 {"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Business"}]}]}]
</script>
<script>window.__APP_STATE__ = {"user":null,"flags":{"paywall":false}};</script>
<style>.ad-slot{min-height:250px}</style>
</head>
<body>
<div id="app">
<div class="cookie-consent-banner" role="dialog"><p>We use cookies to personalise content and ads. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button></div>
<header class="masthead"><a class="logo" href="/">Globe Wire</a>
<nav aria-label="Sections"><a href="/world">World</a> <a href="/business">Business</a> <a href="/tech">Tech</a></nav></header>
<main id="main-content">
<div class="article-layout">
 <div class="breadcrumbs"><a href="/business">Business</a> › <a href="/business/markets">Markets</a></div>
 <div class="headline-block">
  <h1 data-testid="headline">Markets slide as central bank signals longer pause</h1>
  <div class="byline-block"><span class="byline">By Tomás Ferreira and Lin Chen</span>
  <time datetime="2025-02-01T04:45:00Z">January 31, 2025 11:45 PM EST</time></div>
 </div>
 <div class="article-body" data-component="text-block">
  <p>Stock markets fell sharply on Friday after the central bank said interest rates would stay at their current level for longer than investors had hoped.</p>
  <figure><img src="/img/trader.jpg" alt=""><figcaption>Traders watch screens on the exchange floor. Photo: Agency Images</figcaption></figure>
  <p>The main index closed down 2.3%, its worst day since October, while government bond yields rose to a three-month high.</p>
  <div class="inline-related"><h3>Read more</h3><ul><li><a href="/a">Why the bank is in no hurry to cut</a></li><li><a href="/b">Five charts that explain the slowdown</a></li></ul></div>
 </div>
 <div class="ad-slot ad-slot--mid" aria-hidden="true"><p>Advertisement</p></div>
 <div class="article-body" data-component="text-block">
  <p>“We are not yet confident that inflation is beaten,” the bank’s governor said at a news conference, adding that the committee was divided.</p>
  <p>Analysts at two large investment firms pushed back their forecasts for the first cut from March to June.</p>
 </div>
 <section class="newsletter-signup"><h2>Get the morning briefing</h2><p>Sign up for our free newsletter and get the day's top business stories in your inbox every morning.</p></section>
</div>
<aside class="most-read-rail"><h2>Most read</h2><ol><li><a href="/c">Airline strike cancels hundreds of flights across the region</a></li></ol></aside>
</main>
<footer class="site-footer"><p>© 2025 Globe Wire. All rights reserved.</p><a href="/terms">Terms of use</a></footer>
</div>
</body></html>
"##;

/// A page with only Open Graph tags and an author meta, its body in a plain `div.story` that no
/// body selector knows, beside a link-heavy "more from" block.
pub const OPEN_GRAPH_ONLY: &str = r##"<html><head>
<meta property="og:title" content="Volunteers plant 10,000 trees along the canal">
<meta property="og:site_name" content="Midlands Echo">
<meta property="og:url" content="https://midlandsecho.example/news/volunteers-plant-trees">
<meta property="article:published_time" content="2023-11-09">
<meta name="author" content="Ruth Okafor">
<title>Volunteers plant trees | Midlands Echo</title>
</head><body>
<div class="top-bar"><a href="/">Home</a> | <a href="/news">News</a> | <a href="/contact">Contact</a></div>
<div class="wrap">
<div class="story">
<h1>Volunteers plant 10,000 trees along the canal</h1>
<p>More than three hundred volunteers spent the weekend planting saplings along a six-mile stretch of the old canal towpath.</p>
<p>The project, run by a local wildlife trust, aims to create a green corridor for birds, bats and insects between the two towns.</p>
<p>Organisers said the youngest volunteer was four and the oldest was ninety-one, and that the weather, for once, had been kind.</p>
</div>
<div class="more"><p><a href="/x">Canal boat festival returns</a> <a href="/y">Towpath closed for repairs</a> <a href="/z">Lock keeper retires after 40 years</a></p></div>
</div>
</body></html>
"##;

/// A page with nothing but a `<title>` carrying the site name and a visible dateline.
pub const TITLE_AND_DATELINE: &str = r##"<html><head><title>Harbour ferry returns after winter break - Coastline Gazette</title></head>
<body>
<div id="top">Coastline Gazette &middot; Your local paper</div>
<div id="text">
<p class="dateline">Published: 14 March 2022</p>
<p>The harbour ferry made its first crossing of the year on Monday morning, carrying forty passengers and two dogs across the estuary.</p>
<p>The service, which has run every summer since 1952, will sail hourly until the end of October.</p>
</div>
</body></html>
"##;

/// A page with a `<title>` and a bare date paragraph, no classes at all.
pub const TITLE_AND_DATE_LINE: &str = r##"<html><head><title>School wins national chess title</title></head>
<body>
<p>Friday, October 7, 2016</p>
<p>A team of twelve-year-olds from a village primary school have won the national junior chess championship, beating forty schools.</p>
</body></html>
"##;

/// An article surrounded by a cookie banner, navigation, related stories, comments and a
/// footer, all with text long enough to be mistaken for article text.
pub const FURNITURE: &str = r##"<html><head><title>Library to open on Sundays | Hill Town News</title>
<meta property="og:site_name" content="Hill Town News"></head>
<body>
<div id="cookie-notice"><p>This site uses cookies to measure traffic and to show you relevant advertising on our pages.</p></div>
<nav class="primary"><ul><li><a href="/">Home</a></li><li><a href="/local">Local news from all over the hills</a></li></ul></nav>
<article>
<h1>Library to open on Sundays</h1>
<p>The central library will open on Sundays from next month after the county found money to pay for extra staff.</p>
<p>Readers had collected more than two thousand signatures asking for weekend opening hours.</p>
<p>The library will open from ten in the morning until four in the afternoon, the county said.</p>
</article>
<section class="related-stories"><h2>Related stories</h2>
<article><h3><a href="/1">Swimming pool reopens after long repairs</a></h3><p>The pool had been closed since the roof leaked in the spring storms last year.</p></article>
</section>
<div class="comments"><p>Great news, I have been waiting for this for years and years and years, well done everyone.</p></div>
<footer><p>Hill Town News is published by Hill Town Media, registered in the county, all enquiries welcome.</p></footer>
</body></html>
"##;

/// An AMP page: inline AMP scripts and styles, JSON-LD with a string author, `amp-img`,
/// `amp-ad` and `amp-social-share` elements.
pub const AMP: &str = r##"<!doctype html>
<html ⚡ lang="en">
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<title>Rains bring relief to farmers in the north</title>
<link rel="canonical" href="https://accraevening.example/news/rains-bring-relief">
<style amp-custom>body{font-family:serif}</style>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Rains bring relief to farmers in the north","datePublished":"2021-06-02T06:00:00Z","author":"Kofi Mensah","publisher":{"@type":"Organization","name":"Accra Evening"}}</script>
</head>
<body>
<amp-sidebar id="menu" layout="nodisplay"><ul><li>Home</li><li>News</li><li>Sport</li></ul></amp-sidebar>
<article>
<h1>Rains bring relief to farmers in the north</h1>
<amp-img src="/rain.jpg" width="800" height="450" layout="responsive"></amp-img>
<p>Heavy rains over the weekend have ended a dry spell that threatened the maize harvest across the northern regions.</p>
<amp-ad width="300" height="250" type="doubleclick" data-slot="/123/amp"><div placeholder>Loading advertisement for you now, please wait a moment</div></amp-ad>
<p>Farmers said the rain had come just in time for the second planting and that prices at local markets should now fall.</p>
<amp-social-share type="twitter"></amp-social-share>
</article>
</body></html>
"##;

/// A section front: a list of teaser cards and pagination, no article.
pub const INDEX: &str = r##"<html><head><title>Latest news – Valley Times</title>
<meta property="og:type" content="website"></head>
<body>
<header><nav><a href="/">Valley Times</a></nav></header>
<main>
<h1>Latest news</h1>
<article class="post-card"><h2><a href="/a">Bridge repairs to finish early</a></h2><time datetime="2024-05-01">1 May</time><p>Engineers say the work on the old stone bridge will be done three weeks ahead of schedule.</p><a href="/a">Read more</a></article>
<article class="post-card"><h2><a href="/b">New head teacher for the high school</a></h2><time datetime="2024-04-30">30 April</time><p>The governors have appointed a deputy head from the city to lead the school from September.</p><a href="/b">Read more</a></article>
<article class="post-card"><h2><a href="/c">Farmers market moves to Thursdays</a></h2><time datetime="2024-04-29">29 April</time><p>Stallholders voted to change the day after complaints about the Saturday parking.</p><a href="/c">Read more</a></article>
<article class="post-card"><h2><a href="/d">Rugby club celebrates centenary</a></h2><time datetime="2024-04-28">28 April</time><p>Former players from across the country came back for a weekend of matches and dinners.</p><a href="/d">Read more</a></article>
<div class="pagination"><a href="/page/2">Older posts</a></div>
</main>
<footer>Valley Times</footer>
</body></html>
"##;

/// Broken markup: no closing `</head>` order, unquoted attributes, an `<h1>` closed by `</h2>`,
/// unclosed and misnested tags, a stray `</div>`, no `</body>`, and invalid JSON-LD.
pub const MALFORMED: &str = r##"<html><head>
<meta property=og:site_name content="Northern Post">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Broken, "datePublished":</script>
<title>Storm knocks out power to 40,000 homes | Northern Post</title>
</head><body><div class=content>
<h1>Storm knocks out power to 40,000 homes</h2>
<p>High winds brought down power lines across the north overnight, leaving about forty thousand homes without electricity.
<p>Engineers worked through the night, and the network operator said <b>most homes <i>would be</b> reconnected</i> by the evening.
</div></div>
<div><p>Schools in three districts stayed closed on Wednesday as a precaution, the education authority said.
<p class=date>Updated 12 March 2023
"##;

/// Entities in JSON-LD (which the HTML parser does not decode), the heading and the body.
pub const ENTITIES: &str = r##"<html><head>
<script type="application/ld+json">{"@type":"ReportageNewsArticle","headline":"Smith&#8217;s &amp; Sons in &quot;rescue&quot; deal","datePublished":"June 3, 2020","author":{"@type":"Person","name":"Dara O&#8217;Neill"}}</script>
</head><body><article>
<h1>Smith&#8217;s &amp; Sons in &quot;rescue&quot; deal</h1>
<p>The family firm Smith&#8217;s &amp; Sons has agreed a &#8220;rescue&#8221; deal&nbsp;with its&nbsp;&nbsp;lenders, saving 240 jobs.</p>
<p>The company, founded in 1921, had warned in May that it could run out of cash by the end of the summer.</p>
</article></body></html>
"##;

/// A German page: non-ASCII text throughout, a `<time>` with an offset and a "Von" byline.
pub const GERMAN: &str = r##"<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Bahnstreik legt Pendlerverkehr lahm | Süddeutsche Rundschau</title>
<meta property="og:site_name" content="Süddeutsche Rundschau">
<meta property="og:title" content="Bahnstreik legt Pendlerverkehr lahm">
</head><body>
<header><nav><a href="/">Startseite</a><a href="/politik">Politik</a></nav></header>
<main><article>
<header><h1>Bahnstreik legt Pendlerverkehr lahm</h1>
<p class="byline">Von Jürgen Weiß</p>
<time datetime="2024-02-29T07:15:00+01:00">29. Februar 2024, 07:15 Uhr</time></header>
<div class="artikel-text">
<p>Ein Streik der Lokführer hat am Donnerstag den Pendlerverkehr in weiten Teilen Süddeutschlands lahmgelegt.</p>
<p>Auf den Bahnsteigen in München und Augsburg warteten Tausende Fahrgäste vergeblich auf ihre Züge; die Gewerkschaft kündigte weitere Ausstände an.</p>
</div>
</article></main>
<footer><p>© 2024 Süddeutsche Rundschau – Alle Rechte vorbehalten. Impressum und Datenschutz.</p></footer>
</body></html>
"##;

/// Every fixture, for tests that run over all of them.
pub const ALL: &[&str] = &[
    WORDPRESS,
    BIG_NEWS,
    OPEN_GRAPH_ONLY,
    TITLE_AND_DATELINE,
    TITLE_AND_DATE_LINE,
    FURNITURE,
    AMP,
    INDEX,
    MALFORMED,
    ENTITIES,
    GERMAN,
];
