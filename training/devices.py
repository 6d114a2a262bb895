"""Where training runs: CUDA when present, else the CPU (with a thread count that suits a shared machine)."""
import os
import platform

import torch


def pick(cpu_threads=2):
    """The device to train on. On CUDA, TF32 matmuls/convolutions are allowed (training only)."""
    if torch.cuda.is_available():
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True
        return torch.device('cuda')
    torch.set_num_threads(int(os.environ.get('TORCH_THREADS', cpu_threads)))
    return torch.device('cpu')


def exact_math():
    """Full float32 on CUDA for sampling and evaluation (no TF32)."""
    if torch.cuda.is_available():
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False


def describe(device):
    """A line for the model cards: which hardware did the training."""
    if device.type == 'cuda':
        return f'one {torch.cuda.get_device_name(device)} GPU (PyTorch {torch.__version__})'
    return f'{torch.get_num_threads()} CPU thread(s), {platform.machine()} (PyTorch {torch.__version__})'
