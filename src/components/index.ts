export * from "./VideoEditForm/index";
