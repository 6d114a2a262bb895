import { useEffect, useState } from 'react';

/** What the view needs from public/models/manifest.json (the worker verifies the files themselves). */
export interface CatalogModel {
  id: string;
  kind: string;
  dataset: string;
  classes: string[];
  card: string;
}

export type Catalog = { models: CatalogModel[] } | { error: string } | null;

/** The shipped models, read once per mount from the app's own origin; null while loading. */
export function useImageCatalog(): Catalog {
  const [catalog, setCatalog] = useState<Catalog>(null);
  useEffect(() => {
    let live = true;
    fetch(new URL('models/manifest.json', document.baseURI))
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json() as Promise<{ models?: CatalogModel[] }>;
      })
      .then((m) => live && setCatalog({ models: Array.isArray(m.models) ? m.models : [] }))
      .catch(
        (e: Error) =>
          live && setCatalog({ error: `the model manifest could not be read (${e.message})` }),
      );
    return () => {
      live = false;
    };
  }, []);
  return catalog;
}

export function catalogModel(catalog: Catalog, id: string): CatalogModel | undefined {
  return catalog && 'models' in catalog ? catalog.models.find((m) => m.id === id) : undefined;
}

/** The classifier that scores a model's samples (same data set), if one ships. */
export function catalogClassifier(
  catalog: Catalog,
  model: CatalogModel | undefined,
): CatalogModel | undefined {
  if (!model || !catalog || !('models' in catalog)) return undefined;
  return catalog.models.find((m) => m.kind === 'classifier' && m.dataset === model.dataset);
}
