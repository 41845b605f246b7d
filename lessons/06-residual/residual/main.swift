import ResidualLesson

ResidualCommand.runAsLesson()
