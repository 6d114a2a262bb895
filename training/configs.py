"""Per-model hyperparameters: one place, so training, export and evaluation agree.

UNET keys are model ids (the folder under public/models). `objective`: 'eps' trains a DDPM
eps-prediction model (diffusion.py), 'flow' a rectified-flow velocity model (flow.py). `steps` is
what the shipped model was trained for; train_image.py --budget-s may choose fewer (it records the
count it used, and `--steps N` repeats that run).
"""

UNET = {
    'fashion': {'dataset': 'fashion', 'objective': 'eps', 'channels': (24, 48, 64), 'emb_dim': 96,
                'steps': 40000, 'batch': 512, 'lr': 2e-3, 'ema': 0.999, 'seed': 1},
    'digits': {'dataset': 'digits', 'objective': 'eps', 'channels': (16, 32, 64), 'emb_dim': 96,
               'steps': 1200, 'batch': 64, 'lr': 2e-3, 'ema': 0.995, 'seed': 1},
    'digits-fm': {'dataset': 'digits', 'objective': 'flow', 'channels': (16, 32, 64), 'emb_dim': 96,
                  'steps': 12000, 'batch': 256, 'lr': 2e-3, 'ema': 0.999, 'seed': 1},
}
CLASSIFIER = {
    'fashion': {'channels': (32, 64, 64), 'pool': 'flatten', 'hw': 28, 'epochs': 15, 'batch': 128, 'lr': 3e-3,
                'seed': 2},
    'digits': {'channels': (32, 64, 128), 'pool': 'mean', 'hw': 16, 'epochs': 40, 'batch': 64, 'lr': 3e-3,
               'seed': 2},
}
LABEL_DROPOUT = 0.1
NULL_CLASS = 10
CLASSES = 10
CACHE_DIR = '.cache'


def unet_config(model_id, ckpt_config=None):
    """The config a checkpoint was trained with (older checkpoints lack `dataset` and `objective`)."""
    cfg = dict(UNET[model_id])
    cfg.update(ckpt_config or {})
    return cfg
