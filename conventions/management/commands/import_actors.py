from .import_conventions import ActorsCommand as Command

__all__ = ["Command"]
