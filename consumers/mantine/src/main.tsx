import "@mantine/core/styles.css";
import "./app.css";
import { createTheme, MantineProvider } from "@mantine/core";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { KlingProvider } from "react-kling-edit";
import { Editor } from "./Editor";

// No react-kling-edit/styles.css here: every pixel is Mantine's or this app's. Mantine's default
// filled blue (shade 6) gives white text 3.6:1; shade 8 gives it 4.9:1 (WCAG AA).
const theme = createTheme({ primaryShade: 8 });
const container = document.getElementById("root");
if (!container) throw new Error("#root is missing");
createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <KlingProvider proxyUrl="/api/kling">
        <Editor />
      </KlingProvider>
    </MantineProvider>
  </StrictMode>,
);
