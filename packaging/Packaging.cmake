# Installers. The .deb is built with CPack (scripts/test builds and checks it once the
# packaging issue lands); Flatpak, AppImage, Windows and macOS recipes live beside this file.
# Desktop integration: reverse-DNS desktop entry, AppStream metainfo, icon, man page.
set(ROOMWARDEN_APP_ID "org.roomwarden.Roomwarden")
install(FILES "${PROJECT_SOURCE_DIR}/resources/desktop/${ROOMWARDEN_APP_ID}.desktop"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "${PROJECT_SOURCE_DIR}/resources/desktop/${ROOMWARDEN_APP_ID}.metainfo.xml"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/roomwarden.svg"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
        RENAME "${ROOMWARDEN_APP_ID}.svg")
install(FILES "${PROJECT_SOURCE_DIR}/packaging/man/roomwarden.1"
        DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

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
