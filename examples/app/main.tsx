import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { KlingVideoEditor } from "../../src";
import "../../src/styles/base.css";
import "./example.css";

// Every component stylesheet, as the built `styles.css` would bundle them.
import.meta.glob("../../src/styles/*.css", { eager: true });

// Simulated: the project's own sample clip, served by this dev server (no network needed).
// Live: PixelDojo must fetch the video itself, so a public clip (CC0, from MDN's examples, ~5 s).
const SAMPLE_VIDEO = __KLING_SIMULATED__
  ? `${location.origin}/samples/source.mp4`
  : "https://interactive-examples.mdn.mozilla.net/media/cc0-videos/flower.mp4";

const PROXY_URL = "/api/kling";

function ModeBanner() {
  return __KLING_SIMULATED__ ? (
    <p className="example-banner" data-mode="simulated" role="note">
      <strong>Simulated backend.</strong> The dev server has no <code>PIXELDOJO_API_KEY</code>, so{" "}
      <code>/api/kling</code> answers from the in-memory simulation: a job takes about 20 seconds, spends no credits,
      and its “edited” video is a sample clip (or your source video). A file you pick or drop is uploaded to an
      in-memory bucket on this dev server. Restart with <code>PIXELDOJO_API_KEY=… npm run example</code> to use
      PixelDojo.
    </p>
  ) : (
    <p className="example-banner" data-mode="live" role="note">
      <strong>Live: PixelDojo.</strong> Every edit you submit here spends credits on the account of the dev server’s{" "}
      <code>PIXELDOJO_API_KEY</code>.
    </p>
  );
}

// The editor uploads through the proxy wherever the proxy takes uploads (the simulated mode's
// in-memory bucket, or the bucket of KLING_S3_*), and shows URL fields only where it does not.
function App() {
  return (
    <main className="example">
      <h1>Kling O3 video edit</h1>
      <ModeBanner />
      <KlingVideoEditor
        proxyUrl={PROXY_URL}
        defaultValues={{ prompt: "Turn the scene into a snowy winter evening", video_url: SAMPLE_VIDEO }}
        estimatedDurationMs={__KLING_SIMULATED__ ? 22_000 : undefined}
      />
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
