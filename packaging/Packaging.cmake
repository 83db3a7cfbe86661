# Installers. On Linux the .deb is built with CPack (`scripts/package` for a Release build; the
# deb_package ctest builds one from the test tree and checks it). Flatpak, AppImage, Windows and
# macOS recipes live beside this file; docs/PACKAGING.md says what each one verifies.
set(ROOMWARDEN_APP_ID "org.roomwarden.Roomwarden")
set(roomwarden_pkg_src "${PROJECT_SOURCE_DIR}/packaging")
set(roomwarden_pkg_gen "${PROJECT_BINARY_DIR}/packaging")

set(CPACK_PACKAGE_NAME "roomwarden")
set(CPACK_PACKAGE_VENDOR "Roomwarden Team")
# Placeholder address and homepage (.invalid never resolves): the project has none yet.
set(CPACK_PACKAGE_CONTACT "Roomwarden Team <maintainers@roomwarden.invalid>")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# The sandbox platform (roomwarden-sandbox) is a developer and test tool; its install rule in
# sandbox/ belongs to the same (default) component as the app, so it is taken out of the staged
# tree before any package is assembled. The deb_package ctest checks the exact file list.
set(CPACK_PRE_BUILD_SCRIPTS "${roomwarden_pkg_src}/strip-developer-files.cmake")

if(WIN32)
  include("${roomwarden_pkg_src}/windows/Windows.cmake")
  include(CPack)
  return()
elseif(APPLE)
  # macOS: packaging/macos/build-dmg assembles and deploys the bundle (see its README).
  include(CPack)
  return()
endif()

# --- Linux: files for the desktop, and the Debian package ----------------------------------
# Debian's doc folder is named after the package, not the CMake project (GNUInstallDirs would
# say share/doc/Roomwarden).
set(roomwarden_pkg_docdir "${CMAKE_INSTALL_DATADIR}/doc/roomwarden")

# Desktop integration: reverse-DNS desktop entry, AppStream metainfo, and the icon under the
# app id, because the desktop file says Icon=org.roomwarden.Roomwarden.
install(FILES "${PROJECT_SOURCE_DIR}/resources/desktop/${ROOMWARDEN_APP_ID}.desktop"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "${PROJECT_SOURCE_DIR}/resources/desktop/${ROOMWARDEN_APP_ID}.metainfo.xml"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/roomwarden.svg"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
        RENAME "${ROOMWARDEN_APP_ID}.svg")

# The man page and the Debian changelog ship gzipped with -9n: Debian policy wants them
# compressed at the maximum level, and -n leaves the timestamp out so that builds reproduce
# (lintian flags timestamped gzip files).
find_program(ROOMWARDEN_GZIP gzip REQUIRED)
set(roomwarden_pkg_gz_files)
foreach(pair "man/roomwarden.1|roomwarden.1" "debian/changelog|changelog.Debian")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 source)
  list(GET pair 1 name)
  add_custom_command(OUTPUT "${roomwarden_pkg_gen}/${name}.gz"
                     COMMAND "${CMAKE_COMMAND}" -E copy "${roomwarden_pkg_src}/${source}"
                             "${roomwarden_pkg_gen}/${name}"
                     COMMAND "${ROOMWARDEN_GZIP}" -9nf "${roomwarden_pkg_gen}/${name}"
                     DEPENDS "${roomwarden_pkg_src}/${source}"
                     COMMENT "Compressing ${name}"
                     VERBATIM)
  list(APPEND roomwarden_pkg_gz_files "${roomwarden_pkg_gen}/${name}.gz")
endforeach()
add_custom_target(roomwarden_package_docs ALL DEPENDS ${roomwarden_pkg_gz_files})
install(FILES "${roomwarden_pkg_gen}/roomwarden.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${roomwarden_pkg_gen}/changelog.Debian.gz" "${roomwarden_pkg_src}/debian/copyright"
        DESTINATION "${roomwarden_pkg_docdir}")
# Each override carries its reason in the file; lintian reads them from this place.
install(FILES "${roomwarden_pkg_src}/lintian-overrides"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/lintian/overrides" RENAME roomwarden)

# The Debian package.
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "1")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Lines of at most 79 characters (lintian: extended-description-line-too-long).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Roomwarden is a desktop app for hosts and moderators of live rooms (Twitch
channels). It moderates those rooms live and turns what happened in them into
analytics, through each platform's official API only.

Only the permissions the user chooses are requested. Tokens are kept in the
system keychain (a Secret Service provider such as GNOME Keyring), never in a
file. Analytics stay on the computer with personal text encrypted, and there
is no telemetry. A built-in demo room works without an account or a network
connection.")
# Packages ship stripped binaries (debug symbols belong in a -dbgsym package); this also keeps
# the package built from the Debug test tree small.
set(CPACK_STRIP_FILES ON)
# Linked libraries come from dpkg-shlibdeps. What follows is loaded at run time, where
# dpkg-shlibdeps cannot see it:
# - QtKeychain dlopen()s libsecret to reach the Secret Service; without it no token can be kept.
# - Qt's platform plugins: Debian 12 ships xcb and offscreen inside libqt6gui6 (found by
#   shlibdeps), other releases split them into qt6-qpa-plugins; qt6-wayland adds native Wayland.
# - A Secret Service provider (gnome-keyring, KWallet, KeePassXC) runs as its own process.
# - Sounds: QSoundEffect talks to a PulseAudio server (PipeWire's pulse works too); Qt
#   Multimedia's GStreamer backend needs the base and good plugin sets to decode and play.
# - The window icon is an SVG: Qt's svg image and icon plugins are in libqt6svg6.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "gnome-keyring | kwalletmanager | keepassxc, libqt6svg6, qt6-wayland, pulseaudio | pipewire-pulse, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
