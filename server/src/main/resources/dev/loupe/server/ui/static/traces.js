// traces page script (see StaticFiles)
