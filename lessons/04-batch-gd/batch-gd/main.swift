import BatchGDLesson

BatchGDCommand.runAsLesson()
