import "@mantine/core/styles.css";
import "./compare.css";
import { MantineProvider } from "@mantine/core";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { KlingProvider } from "react-kling-edit";
import { Editor } from "./Editor";

// No react-kling-edit/styles.css here: every pixel is Mantine's or this app's.
const container = document.getElementById("root");
if (!container) throw new Error("#root is missing");
createRoot(container).render(
  <StrictMode>
    <MantineProvider>
      <KlingProvider proxyUrl="/api/kling">
        <Editor />
      </KlingProvider>
    </MantineProvider>
  </StrictMode>,
);
