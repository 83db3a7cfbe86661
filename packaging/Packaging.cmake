# Installers. The .deb is built with CPack (scripts/test builds and checks it once the
# packaging issue lands); Flatpak, AppImage, Windows and macOS recipes live beside this file.
set(CPACK_PACKAGE_NAME "roomwarden")
set(CPACK_PACKAGE_VENDOR "Roomwarden")
set(CPACK_PACKAGE_CONTACT "Roomwarden maintainers <maintainers@roomwarden.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time, so dpkg-shlibdeps cannot see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, gnome-keyring | kwalletmanager | keepassxc, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good")
include(CPack)
