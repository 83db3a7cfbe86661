# Install-time script (install(SCRIPT) from Windows.cmake): makes the installed folder run on a
# machine without Qt or vcpkg. ROOMWARDEN_WINDEPLOYQT and ROOMWARDEN_EXE are set just before.
set(exe "${CMAKE_INSTALL_PREFIX}/${ROOMWARDEN_EXE}")
get_filename_component(bindir "${exe}" DIRECTORY)

# Qt's libraries and the plugins Qt loads at run time: platforms/qwindows, styles,
# tls/qschannelbackend and qopensslbackend, multimedia/windowsmediaplugin, imageformats/qsvg,
# iconengines/qsvgicon. Translations are compiled into the executable.
execute_process(COMMAND "${ROOMWARDEN_WINDEPLOYQT}" --release --no-translations
                        --no-compiler-runtime --no-opengl-sw "${exe}"
                COMMAND_ERROR_IS_FATAL ANY)

# Everything else the executable links: QtKeychain (Credential Manager), OpenSSL, SQLite, ICU
# from vcpkg. Windows' own DLLs stay out.
get_filename_component(windeployqt_dir "${ROOMWARDEN_WINDEPLOYQT}" DIRECTORY)
file(TO_CMAKE_PATH "$ENV{PATH}" search_path)
file(GET_RUNTIME_DEPENDENCIES
     EXECUTABLES "${exe}"
     RESOLVED_DEPENDENCIES_VAR deps
     UNRESOLVED_DEPENDENCIES_VAR missing
     PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-"
     POST_EXCLUDE_REGEXES "[/\\\\][Ss]ystem32[/\\\\]" "[/\\\\][Ww]indows[/\\\\]"
     DIRECTORIES "${windeployqt_dir}" ${search_path})
foreach(dll IN LISTS deps)
  file(INSTALL "${dll}" DESTINATION "${bindir}")
endforeach()
if(missing)
  message(WARNING "roomwarden.exe needs DLLs that were not found: ${missing}")
endif()
