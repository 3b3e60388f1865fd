import type { ReactNode } from "react";
import "react-kling-edit/styles.css";

export const metadata = { title: "react-kling-edit consumer (Next.js)" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
