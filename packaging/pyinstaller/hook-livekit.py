# livekit (the voice processing: softphone/devices/voice_cleaning.py) loads its native library,
# livekit/rtc/resources/liblivekit_ffi.{so,dylib,dll}, from its package folder at run time.
from PyInstaller.utils.hooks import collect_data_files, collect_dynamic_libs

datas = collect_data_files("livekit.rtc", subdir="resources")
binaries = collect_dynamic_libs("livekit")
