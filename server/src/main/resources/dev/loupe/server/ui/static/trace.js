// trace page script (see StaticFiles)
