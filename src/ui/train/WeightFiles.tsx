import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useStore } from '../../state/store';
import { setTrainedModel, trainedModel } from '../../state/trainedModel';
import type { TrainSession } from '../../state/trainSession';
import type { TrainAction, TrainedFiles } from '../../worker/protocol';
import { useWorkerClient } from '../workerContext';
import { useTrainSession } from './useTrainRun';

const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

/** Reads the chosen files into model.json's text and the weight files by name, or says what is missing. */
async function readUpload(list: FileList): Promise<TrainedFiles> {
  const files = [...list];
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_UPLOAD_BYTES)
    throw new Error(`the files hold ${(total / 2 ** 20).toFixed(1)} MB; the limit is 32 MB`);
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (json.length !== 1)
    throw new Error(
      json.length === 0
        ? 'choose the model.json together with its weights.bin (both files at once)'
        : `choose one model.json, not ${json.length} JSON files`,
    );
  const weights: Record<string, Uint8Array> = {};
  for (const f of files) if (f !== json[0]) weights[f.name] = new Uint8Array(await f.arrayBuffer());
  return { modelJson: await json[0].text(), weights };
}

/** Object URLs of the saved files for download links, revoked when they change. */
function useDownloadUrls(saved: TrainSession['saved']) {
  const urls = useMemo(() => {
    if (!saved) return null;
    return {
      json: URL.createObjectURL(new Blob([saved.files.modelJson], { type: 'application/json' })),
      bin: URL.createObjectURL(
        new Blob([saved.files.weights['weights.bin'].slice()], {
          type: 'application/octet-stream',
        }),
      ),
    };
  }, [saved]);
  useEffect(
    () => () => {
      if (urls) [urls.json, urls.bin].forEach((u) => URL.revokeObjectURL(u));
    },
    [urls],
  );
  return urls;
}

/**
 * Save the EMA weights in the shipped models' format (model.json + weights.bin) and make them
 * the page's "trained" model; upload such files back (validated in the worker) to inspect or
 * fine-tune them. A bad upload leaves the current run as it was.
 */
export function WeightFiles({
  control,
  startFrom,
}: {
  control(action: TrainAction): void;
  startFrom(from: { start: 'upload'; upload: TrainedFiles }): void;
}) {
  const session = useTrainSession();
  const client = useWorkerClient();
  const setParam = useStore((s) => s.setParam);
  const current = useSyncExternalStore(trainedModel.subscribe, trainedModel.read);
  const [upload, setUpload] = useState<{ state: string; message: string }>({
    state: 'idle',
    message: '',
  });
  const { saved } = session;
  const urls = useDownloadUrls(saved);
  const live = session.state === 'running' || session.state === 'paused';
  // A consistency model's network is no diffusion model the other views could sample.
  const mode = session.snapshot?.info.distill?.mode;
  const consistency = mode === 'cd' || mode === 'ct';
  // A learned schedule has no place in the shipped model format.
  const vdm = !!session.snapshot?.info.vdm;

  const onUpload = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setUpload({ state: 'checking', message: 'checking the files…' });
    try {
      const files = await readUpload(list);
      const summary = await client.checkTrained(files);
      setTrainedModel(files, `uploaded: ${summary}`);
      startFrom({ start: 'upload', upload: files });
      setUpload({ state: 'done', message: `Loaded: ${summary}.` });
    } catch (e) {
      setUpload({ state: 'error', message: `Upload rejected: ${(e as Error).message}` });
    }
  };

  return (
    <section className="train-files" aria-label="Weights">
      <button
        type="button"
        data-testid="train-save"
        disabled={!live || consistency || vdm}
        title={
          consistency || vdm
            ? `A ${vdm ? 'VDM' : 'consistency'} model cannot be saved from this view`
            : undefined
        }
        onClick={() => control({ action: 'save' })}
      >
        Save weights and use them in other views
      </button>
      {saved && urls && (
        <span data-testid="train-saved" data-step={saved.step}>
          Step {saved.step}:{' '}
          <a href={urls.json} download="model.json" data-testid="download-model-json">
            model.json
          </a>{' '}
          <a href={urls.bin} download="weights.bin" data-testid="download-weights-bin">
            weights.bin
          </a>
        </span>
      )}
      <label className="train-upload">
        Upload model.json + weights.bin{' '}
        <input
          type="file"
          multiple
          accept=".json,.bin,application/json,application/octet-stream"
          data-testid="weights-upload"
          onChange={(e) => {
            void onUpload(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      <output
        data-testid="upload-status"
        data-state={upload.state}
        role={upload.state === 'error' ? 'alert' : undefined}
        className={upload.state === 'error' ? 'train-note error' : 'train-note'}
      >
        {upload.message}
      </output>
      {current && (
        <p className="train-note" data-testid="trained-model">
          Model &ldquo;trained&rdquo; in the other views: {current.label}.{' '}
          <button
            type="button"
            data-testid="sample-trained"
            onClick={() => {
              setParam('model', 'trained');
              setParam('view', 'reverse');
            }}
          >
            Sample it in the reverse view
          </button>{' '}
          <button
            type="button"
            data-testid="lab-trained"
            onClick={() => {
              setParam('model', 'trained');
              setParam('view', 'lab');
            }}
          >
            Compare samplers on it in the lab
          </button>
        </p>
      )}
    </section>
  );
}
