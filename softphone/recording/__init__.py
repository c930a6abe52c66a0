"""Call recordings on the device: sealed (encrypted) Ogg/Opus files, written off the audio path."""
