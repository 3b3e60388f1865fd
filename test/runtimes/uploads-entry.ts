// What the runtime servers take from the upload sources, bundled by the harness (esbuild, the
// settings tsup builds the entries with) until the server entry exports it.
export { s3Uploads } from "../../src/server/uploads/s3";
export { answerUpload, readUploadRequest } from "../../src/server/uploads/route";
export { errorResponse } from "../../src/server/responses";
