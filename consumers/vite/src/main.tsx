import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "react-kling-edit/styles.css";
import { App } from "./App";

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
