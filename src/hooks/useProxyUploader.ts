import { useEffect, useState } from "react";
import { proxyOffersUploads } from "../core/upload-probe";
import type { UploadFile } from "../core/uploader";
import { useOptionalKlingContext, type KlingContextValue } from "./context";

// One question per provider, however many forms ask it.
const offered = new WeakMap<KlingContextValue, Promise<UploadFile | undefined>>();

function ask(context: KlingContextValue): Promise<UploadFile | undefined> {
  let answer = offered.get(context);
  if (!answer) {
    const { proxyUrl, fetch, headers, limits } = context;
    // The uploader is loaded only when the proxy takes uploads: other pages never fetch it.
    answer = proxyOffersUploads(proxyUrl, { fetch, headers })
      .then((offers) =>
        offers
          ? import("../core/uploader").then(({ createProxyUploader }) =>
              createProxyUploader({ proxyUrl, fetch, headers, limits }),
            )
          : undefined,
      )
      .catch(() => undefined);
    offered.set(context, answer);
  }
  return answer;
}

/**
 * The uploader of the `KlingProvider`'s proxy, once it turns out the proxy takes uploads
 * (`POST {proxyUrl}/uploads`): `createProxyUploader` for that proxy, with the provider's
 * `fetch`, `headers` and `limits`. Undefined until then, without a provider, when the proxy
 * takes none, and while `enabled` is false. Asked after mount, so server and client render alike.
 */
export function useProxyUploader(enabled = true): UploadFile | undefined {
  return useProxyUploadsOffer(enabled).upload;
}

/** `useProxyUploader`, and whether the proxy's answer is still awaited (a form reserves the upload zone's space meanwhile). */
export function useProxyUploadsOffer(enabled = true): { upload?: UploadFile; pending: boolean } {
  const context = useOptionalKlingContext();
  const [uploader, setUploader] = useState<{ for: KlingContextValue; upload?: UploadFile }>();
  useEffect(() => {
    if (!context || !enabled) return;
    let current = true;
    void ask(context).then((upload) => current && setUploader({ for: context, upload }));
    return () => {
      current = false;
    };
  }, [context, enabled]);
  const answered = uploader?.for === context;
  return { upload: enabled && answered ? uploader.upload : undefined, pending: enabled && !!context && !answered };
}
