"""Call recordings on the device: sealed Ogg Vorbis files, written off the audio path."""
