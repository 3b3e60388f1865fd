import { KlingVideoEditor } from "react-kling-edit";
import { HookEditor } from "./HookEditor";

// The one-line drop-in, then the same flow built by hand on the hooks.
export function App() {
  return (
    <main>
      <h1>Consumer app</h1>
      <KlingVideoEditor proxyUrl="/api/kling" headingLevel={2} />
      <HookEditor proxyUrl="/api/kling" />
    </main>
  );
}
