@echo off
rem The district office's window: the bundle's one program, started with --central.
start "" "%~dp0checkpoint-app.exe" --central %*
