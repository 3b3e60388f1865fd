export * from "./VideoEditForm/index";
export * from "./JobProgress/index";
export * from "./KlingVideoEditor/index";
export * from "./VideoCompare/index";
export * from "./VideoTrimmer/index";
