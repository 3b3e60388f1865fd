// The two-line worker file the README gives an app.
import { serveClipWorker } from "../../../../src/index";
import "./worker-shim";

serveClipWorker();
