// A server component (no "use client" here): KlingVideoEditor must carry its own directive
// through the library's build, or `next build` refuses to render it from a server component.
import { KlingVideoEditor } from "react-kling-edit";

// Rendered by the running server on every request (not prerendered at build), so that the
// SSR check reads what `next start` itself rendered.
export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <main>
      <h1>Consumer app</h1>
      <KlingVideoEditor proxyUrl="/api/kling" />
    </main>
  );
}
