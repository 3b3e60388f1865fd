import "./index.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { KlingProvider } from "react-kling-edit";
import { Editor } from "./Editor";

// No react-kling-edit/styles.css: every pixel is Tailwind's and this app's components'.
const container = document.getElementById("root");
if (!container) throw new Error("#root is missing");
createRoot(container).render(
  <StrictMode>
    <KlingProvider proxyUrl="/api/kling">
      <Editor />
    </KlingProvider>
  </StrictMode>,
);
