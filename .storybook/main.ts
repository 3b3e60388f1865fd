import type { StorybookConfig } from "@storybook/react-vite";

const config: StorybookConfig = {
  framework: "@storybook/react-vite",
  stories: ["../stories/**/*.mdx", "../stories/**/*.stories.tsx"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest", "msw-storybook-addon"],
  // The msw worker script and the sample clips.
  staticDirs: ["../public"],
  core: { disableTelemetry: true },
  // Newcomers come for the components, not for a tour of Storybook itself.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
};

export default config;
