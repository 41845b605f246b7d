import DocumentsLesson
import LessonKit

LessonCommand<DocumentsLesson>.runAsLesson()
