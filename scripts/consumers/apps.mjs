// The consumer apps: which template, which packages from the npm registry, and how each one's
// directory is laid out from consumers/ with the packed library in its package.json.
import { copyFile, cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

// The apps do not install msw: `react-kling-edit/testing` must work without that optional peer
// (its msw handlers live in `react-kling-edit/testing/msw`).
const VITE_DEPS = {
  "@tanstack/react-query": "^5.0.0",
  "@vitejs/plugin-react": "^6.0.0",
  typescript: "^6.0.0",
  vite: "^8.0.0",
};
const REACT_19 = { react: "^19.2.0", "react-dom": "^19.2.0", "@types/react": "^19.0.0", "@types/react-dom": "^19.0.0" };

/**
 * `scenario` names the browser scenario (scripts/consumers/scenarios/); `headless` apps build the
 * editor from the hooks and parts with none of the library's CSS, and are checked for that.
 */
export const APPS = [
  {
    name: "vite-react19",
    template: "vite",
    kind: "vite",
    scenario: "editor",
    dependencies: { ...VITE_DEPS, ...REACT_19 },
  },
  {
    name: "vite-react18",
    template: "vite",
    kind: "vite",
    scenario: "editor",
    dependencies: {
      ...VITE_DEPS,
      react: "^18.0.0",
      "react-dom": "^18.0.0",
      "@types/react": "^18.0.0",
      "@types/react-dom": "^18.0.0",
    },
  },
  {
    // A design system's editor: Mantine's inputs and buttons over useVideoEditForm,
    // useJobProgress and the VideoCompare parts. It shares the Vite app's proxy and config.
    name: "mantine",
    template: "mantine",
    kind: "vite",
    scenario: "headless",
    from: { template: "vite", files: ["index.html", "vite.config.ts", "kling-proxy.ts"] },
    headless: true,
    dependencies: { ...VITE_DEPS, ...REACT_19, "@mantine/core": "^9.0.0", "@mantine/hooks": "^9.0.0" },
  },
  {
    // The design system most React teams start with: shadcn-style components (Radix primitives,
    // Tailwind 4, class-variance-authority) written in the app, over the headless layer; a
    // Radix Slider drives the divider, and the edit starts from an uploaded clip.
    name: "shadcn",
    template: "shadcn",
    kind: "vite",
    scenario: "upload",
    from: { template: "vite", files: ["index.html"] },
    headless: true,
    dependencies: {
      ...VITE_DEPS,
      ...REACT_19,
      "@types/node": "^24.0.0",
      "@tailwindcss/vite": "^4.0.0",
      tailwindcss: "^4.0.0",
      "@radix-ui/react-radio-group": "^1.0.0",
      "@radix-ui/react-slider": "^1.0.0",
      "@radix-ui/react-slot": "^1.0.0",
      "class-variance-authority": "^0.7.0",
      clsx: "^2.0.0",
      "tailwind-merge": "^3.0.0",
    },
  },
  {
    name: "next",
    template: "next",
    kind: "next",
    scenario: "editor",
    dependencies: {
      "@tanstack/react-query": "^5.0.0",
      next: "^16.0.0",
      ...REACT_19,
      "@types/node": "^24.0.0",
      typescript: "^6.0.0",
    },
  },
];

/** Lays out the app's directory: its template, shared files, the sample clips, its package.json. */
export async function prepareApp(root, app, tarball) {
  for (const file of app.from?.files ?? []) {
    await mkdir(app.dir, { recursive: true });
    await copyFile(path.join(root, "consumers", app.from.template, file), path.join(app.dir, file));
  }
  await cp(path.join(root, "consumers", app.template), app.dir, { recursive: true });
  // The source and "edited" videos, served by the app itself from public/.
  await mkdir(path.join(app.dir, "public/samples"), { recursive: true });
  for (const sample of ["source.mp4", "edited.mp4"]) {
    await copyFile(path.join(root, "public/samples", sample), path.join(app.dir, "public/samples", sample));
  }
  const manifest = {
    name: `consumer-${app.name}`,
    private: true,
    type: "module",
    dependencies: { "react-kling-edit": `file:${tarball}`, ...app.dependencies },
  };
  await writeFile(path.join(app.dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
