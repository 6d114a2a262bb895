import { useMemo } from 'react';
import { IMAGE_MODELS, IMAGE_PANELS, type ImagePanel } from '../../state/imageFields';
import { IMAGE_PARAMS, imageSettings } from '../../state/images';
import { useStore } from '../../state/store';
import { useParams } from '../useParams';
import { ImageControls, classNames } from './ImageControls';
import { GridPanel } from './GridPanel';
import { InpaintPanel } from './InpaintPanel';
import { InterpPanel } from './InterpPanel';
import { InversionPanel } from './InversionPanel';
import { LikelihoodPanel } from './LikelihoodPanel';
import { NoisingPanel } from './NoisingPanel';
import { RestorePanel } from './RestorePanel';
import { catalogClassifier, catalogModel, useImageCatalog } from './useImageCatalog';
import { useImageModel } from './useImageModel';
import './images.css';

const PANEL_LABELS: Record<ImagePanel, string> = {
  grid: 'Sample grid',
  noising: 'Forward noising',
  inpaint: 'Inpainting',
  invert: 'Inversion',
  interp: 'Interpolation',
  restore: 'Inverse problems',
  likelihood: 'Likelihood (bits/dim)',
};

/** The image playground: class-conditional UNets sampled live in the worker. */
export function ImagesView() {
  const params = useParams(IMAGE_PARAMS);
  const setParam = useStore((s) => s.setParam);
  const { settings, notes } = useMemo(() => imageSettings(params), [params]);
  const catalog = useImageCatalog();
  const model = useImageModel(settings.model);
  const entry = catalogModel(catalog, settings.model);
  const names = classNames(catalog, settings.model);
  const classifier = catalogClassifier(catalog, entry)?.id ?? null;
  const others = IMAGE_MODELS.filter(
    (m) => m !== settings.model && (!catalog || catalogModel(catalog, m)),
  );
  return (
    <div className="view-layout images-view">
      <ImageControls settings={settings} catalog={catalog} notes={notes} />
      <section className="view-main" aria-label="Image playground">
        <nav className="panel-tabs" role="tablist" aria-label="Image tools">
          {IMAGE_PANELS.map((p) => (
            <button
              key={p}
              type="button"
              role="tab"
              aria-selected={settings.panel === p}
              data-testid={`image-panel-${p}`}
              onClick={() => setParam('panel', p)}
            >
              {PANEL_LABELS[p]}
            </button>
          ))}
        </nav>
        {model.status === 'loading' && (
          <p role="status" className="muted" data-testid="image-model-loading">
            Loading the {settings.model} model, its classifier and test images…
          </p>
        )}
        {model.status === 'error' && (
          <div className="model-problem" role="alert" data-testid="model-problem">
            <p>
              The <strong>{settings.model}</strong> model is not available: {model.message}
            </p>
            {others.length > 0 && (
              <p>
                Other image models keep working:{' '}
                {others.map((m) => (
                  <button
                    key={m}
                    type="button"
                    onClick={() => setParam('model', m)}
                    data-testid={`use-model-${m}`}
                  >
                    Use {m}
                  </button>
                ))}
              </p>
            )}
          </div>
        )}
        {model.status === 'ready' && settings.panel === 'grid' && (
          <GridPanel settings={settings} images={model.images} classifier={classifier} />
        )}
        {model.status === 'ready' && settings.panel === 'noising' && (
          <NoisingPanel settings={settings} images={model.images} names={names} />
        )}
        {model.status === 'ready' && settings.panel === 'inpaint' && (
          <InpaintPanel settings={settings} images={model.images} names={names} />
        )}
        {model.status === 'ready' && settings.panel === 'invert' && (
          <InversionPanel settings={settings} images={model.images} names={names} />
        )}
        {model.status === 'ready' && settings.panel === 'interp' && (
          <InterpPanel settings={settings} images={model.images} names={names} />
        )}
        {model.status === 'ready' && settings.panel === 'restore' && (
          <RestorePanel settings={settings} images={model.images} names={names} />
        )}
        {model.status === 'ready' && settings.panel === 'likelihood' && (
          <LikelihoodPanel settings={settings} images={model.images} names={names} />
        )}
      </section>
    </div>
  );
}
