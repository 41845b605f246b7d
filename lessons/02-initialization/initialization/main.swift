import InitializationLesson
import LessonKit

LessonCommand<InitializationLesson>.runAsLesson()
