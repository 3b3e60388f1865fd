// Stylesheets imported for their side effect (tests, stories, the example app).
declare module "*.css";
