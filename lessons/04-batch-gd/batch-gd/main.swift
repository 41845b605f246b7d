import BatchGDLesson
import LessonKit

LessonCommand<BatchGDLesson>.runAsLesson()
