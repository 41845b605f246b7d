import DocumentsLesson

DocumentsCommand.runAsLesson()
