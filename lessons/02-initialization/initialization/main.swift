import InitializationLesson

InitializationCommand.runAsLesson()
