"""Per-model hyperparameters: one place, so training, export and evaluation agree."""

UNET = {
    'fashion': {'channels': (16, 32, 64), 'emb_dim': 96, 'steps': 900, 'batch': 64, 'lr': 2e-3,
                'ema': 0.995, 'seed': 1},
    'digits': {'channels': (16, 32, 64), 'emb_dim': 96, 'steps': 1200, 'batch': 64, 'lr': 2e-3,
               'ema': 0.995, 'seed': 1},
}
CLASSIFIER = {
    'fashion': {'channels': (16, 32, 32), 'pool': 'flatten', 'hw': 28, 'epochs': 3, 'batch': 128, 'lr': 3e-3,
                'seed': 2},
    'digits': {'channels': (32, 64, 128), 'pool': 'mean', 'hw': 16, 'epochs': 40, 'batch': 64, 'lr': 3e-3,
               'seed': 2},
}
LABEL_DROPOUT = 0.1
NULL_CLASS = 10
CLASSES = 10
CACHE_DIR = '.cache'
