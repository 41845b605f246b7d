import BatchNormLesson

BatchNormCommand.runAsLesson()
