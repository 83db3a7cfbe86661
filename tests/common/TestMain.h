#pragma once
// One main() for every test executable: QStandardPaths test mode is switched on before the
// test class is constructed, so no test can touch the real user's directories.
#include <QStandardPaths>
#include <QTest>

#define ROOMWARDEN_TEST_MAIN_IMPL(TestClass, AppClass)                                             \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        QStandardPaths::setTestModeEnabled(true);                                                  \
        AppClass app(argc, argv);                                                                  \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                   \
        TestClass tc;                                                                              \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }

// Core and sandbox tests need no GUI.
#define ROOMWARDEN_TEST_MAIN_CORE(TestClass) ROOMWARDEN_TEST_MAIN_IMPL(TestClass, QCoreApplication)
// GUI tests (run under QT_QPA_PLATFORM=offscreen).
#define ROOMWARDEN_TEST_MAIN_GUI(TestClass) ROOMWARDEN_TEST_MAIN_IMPL(TestClass, QApplication)
