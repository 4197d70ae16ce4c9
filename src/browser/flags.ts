/**
 * Chromium's command line. The page's request filter only sees the page; these flags keep the
 * browser's own services (updates, sign-in, safe browsing, translate, metrics…) from reaching
 * the network at all, while loopback (`serve`, decks served from 127.0.0.1) keeps working.
 */

/** A port on loopback where nothing listens (discard): the proxy every remote request meets. */
const CLOSED_PROXY = "127.0.0.1:9";

/** Browser features that talk to Google's servers on their own. */
const PHONING_FEATURES = [
  "AutofillServerCommunication",
  "CertificateTransparencyComponentUpdater",
  "DialMediaRouteProvider",
  "DomainReliability",
  "InterestFeedContentSuggestions",
  "MediaRouter",
  "NetworkTimeServiceQuerying",
  "OptimizationGuideModelDownloading",
  "OptimizationHints",
  "OptimizationHintsFetching",
  "OptimizationHintsFetchingAnonymousDataConsent",
  "OptimizationPersonalizedHintsFetching",
  "OptimizationTargetPrediction",
  "SafeBrowsingEnhancedProtection",
  "Translate",
];

/** Nothing leaves the machine: no name resolves (except loopback), every remote connection meets a closed proxy. */
export const OFFLINE_FLAGS = [
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]",
  // loopback bypasses the proxy implicitly (so no `<-loopback>` in a bypass list)
  `--proxy-server=${CLOSED_PROXY}`,
  "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
  `--disable-features=${PHONING_FEATURES.join(",")}`,
  "--no-pings",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-domain-reliability",
  "--disable-client-side-phishing-detection",
  "--safebrowsing-disable-auto-update",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-component-extensions-with-background-pages",
  "--disable-sync",
  "--disable-breakpad",
  "--metrics-recording-only",
  "--no-default-browser-check",
  "--no-first-run",
];

/** Everything Lectern starts Chromium with, besides the profile and the sandbox. */
export const CHROME_FLAGS = [...OFFLINE_FLAGS, "--disable-gpu", "--disable-dev-shm-usage", "--font-render-hinting=none"];
